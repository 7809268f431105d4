"""manage.py restore ARCHIVE: bring back a backup into an empty database and empty storage."""

from django.core.management.base import BaseCommand, CommandError

from cms.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `manage.py backup` into an empty database and empty file "
        "storage. Every checksum is verified first; an archive of another schema is refused."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive")

    def handle(self, *args, archive, **options):
        try:
            restore_backup(archive, progress=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
