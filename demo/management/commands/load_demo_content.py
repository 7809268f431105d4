"""Load the demo content in the six languages. Running it twice changes nothing.

One line per step; `-v 2` adds a line per page, image or translation written. The background
jobs that the load causes (search index, reference index) run inline, so that search finds the
demo content as soon as the site answers, and the worker starts with an empty queue.
"""

import logging
import time
from contextlib import contextmanager

from django.core.management.base import BaseCommand
from django.db import transaction
from django.test.utils import override_settings

from demo import (
    awards,
    certification,
    editorial,
    exchanges,
    knowledge,
    library,
    media,
    partners,
    people,
    saved_searches,
    site,
)
from files.relocation import relocate_all
from knowledge.opendata import files as opendata

IMMEDIATE_TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}


@contextmanager
def jobs_inline():
    """Run the tasks enqueued meanwhile at once, in this process (django-tasks resets its
    backends when TASKS changes)."""
    with override_settings(TASKS=IMMEDIATE_TASKS):
        yield


class Command(BaseCommand):
    help = "Load (or bring up to date) the demo content in all six languages."

    def handle(self, *args, verbosity=1, **options):
        if verbosity < 2:
            # Wagtail logs every page edited, django-tasks every job: the steps say enough.
            for name in ("wagtail", "django_tasks"):
                logging.getLogger(name).setLevel(logging.WARNING)

        def step(label, function, *arguments):
            changes = []

            def log(message):
                changes.append(message)
                if verbosity >= 2:
                    self.stdout.write(f"    {message}")

            started = time.monotonic()
            result = function(*arguments, log)
            if verbosity >= 1:
                seconds = time.monotonic() - started
                self.stdout.write(f"  {label}: {len(changes)} changes ({seconds:.0f} s)")
            return result

        with jobs_inline(), transaction.atomic():
            step("Site", site.configure_default_site)
            home = step("Home and About pages", site.load)
            step("Cities and initiatives", knowledge.load, home)
            step("Partners, events, webinars, goals and menus", editorial.load, home)
            step("Library: publications and tools", library.load)
            step("Images, documents, links and logos", media.load)
            # The certification focal points first: each city has one, and the demo members of
            # the same cities join after them.
            step("Certification: accounts, a certified city, a review", certification.load)
            step("Members, comments and replication", people.load)
            step("Awards: a programme with a decided cycle", awards.load)
            step("Saved searches", saved_searches.load)
            step("Exchanges between cities", exchanges.load)
            step("A partner in the exchanges", partners.load)
        # Uploads made before files were kept private by collection, or under their uploaders'
        # names, go where their collections put them (nothing to do on later runs).
        moved = relocate_all()
        if moved and verbosity >= 1:
            self.stdout.write(f"  Files: {moved} moved or renamed")
        # The open-data files, so that they are there before the first visitor asks.
        manifest = opendata.export()
        if verbosity >= 1:
            self.stdout.write(f"  Open data: {manifest.files['json'].rows} initiatives")
        self.stdout.write(self.style.SUCCESS("Demo content is in place."))
