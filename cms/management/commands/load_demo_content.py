"""Load the demo content in the six languages. Running it twice changes nothing."""

from django.core.management.base import BaseCommand
from django.db import transaction

from cms.demo import certification, editorial, knowledge, site
from files.relocation import relocate_all
from knowledge import opendata


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo content in all six languages."

    def handle(self, *args, **options):
        def log(message):
            self.stdout.write(f"  {message}")

        with transaction.atomic():
            site.configure_default_site(log)
            home = site.load(log)
            knowledge.load(home, log)
            editorial.load(home, log)
            certification.load(log)
        # Uploads made before files were kept private by collection, or under their uploaders'
        # names, go where their collections put them (nothing to do on later runs).
        moved = relocate_all()
        if moved:
            log(f"Files: {moved} moved or renamed")
        # The open-data files, so that they are there before the first visitor asks.
        manifest = opendata.export()
        log(f"Open data: {manifest.files['json'].rows} initiatives")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
