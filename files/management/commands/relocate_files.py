"""Put every image and document file where its collection says, under a random name."""

from django.core.management.base import BaseCommand

from files.relocation import relocate_all


class Command(BaseCommand):
    help = (
        "Move the files of images and documents in collections with a view restriction to the "
        "private location and the others to the public one, renaming every file that still "
        "carries its uploader's name. Running it again changes nothing."
    )

    def handle(self, *args, **options):
        moved = relocate_all()
        self.stdout.write(f"{moved} files moved or renamed.")
