"""Write the open-data files of initiatives now (the site also does it after each publish)."""

from django.core.management.base import BaseCommand

from knowledge.opendata import files as opendata


class Command(BaseCommand):
    help = "Export every live, public initiative in every language to opendata/ as JSON and CSV."

    def handle(self, *args, **options):
        manifest = opendata.export()
        for file in manifest.files.values():
            self.stdout.write(f"{file.name}: {file.rows} rows, {file.size} bytes")
