"""manage.py backup [ARCHIVE]: the database, media, private files and evidence in one archive."""

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, create_backup, scheduled_backup


class Command(BaseCommand):
    help = (
        "Write one archive (tar; .tar.gz compresses it) holding the database, the public and "
        "private files, certification evidence, open data and a manifest of checksums. Without "
        "a path, into BACKUP_DIR with the retention of BACKUP_KEEP."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", nargs="?", help="where to write the archive")

    def handle(self, *args, archive=None, **options):
        try:
            if archive:
                create_backup(archive, progress=self.stdout.write)
            else:
                path = scheduled_backup(progress=self.stdout.write)
                self.stdout.write(path)
        except BackupError as error:
            raise CommandError(str(error)) from None
