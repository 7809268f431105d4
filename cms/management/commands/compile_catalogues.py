"""Compile the gettext catalogues in locale/ to .mo files with polib (no GNU gettext needed).

Each .mo file is written beside its target and renamed into place, so that a process reading the
catalogues (a running server, or a second test run started at the same time) never sees one half
written; a catalogue older than its .mo file is left alone.
"""

import os
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

import polib


class Command(BaseCommand):
    help = "Compile locale/*/LC_MESSAGES/*.po into .mo files."

    def handle(self, *args, **options):
        compiled = 0
        for locale_dir in settings.LOCALE_PATHS:
            for po_path in sorted(Path(locale_dir).glob("*/LC_MESSAGES/*.po")):
                mo_path = po_path.with_suffix(".mo")
                if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                    continue
                try:
                    catalogue = polib.pofile(str(po_path))
                except (OSError, ValueError) as e:
                    raise CommandError(f"Cannot read {po_path}: {e}") from e
                partial = mo_path.with_name(f".{mo_path.name}.{os.getpid()}")
                catalogue.save_as_mofile(str(partial))
                os.replace(partial, mo_path)
                compiled += 1
        self.stdout.write(f"Compiled {compiled} catalogue(s).")
