"""Keep demo/translations/*.po in step with the English demo content.

Run after changing the English demo content and loading it (`load_demo_content`): every source
string of the English demo pages becomes an entry of each catalogue (new ones untranslated),
and entries no longer used are dropped. Then translate the new entries and load again.
"""

from django.core.management.base import BaseCommand

from wagtail_localize.models import StringSegment

import polib

from demo.translation import SLUG_PATH, TARGET_LANGUAGES, catalogue_path


class Command(BaseCommand):
    help = "Add the English demo strings to the demo translation catalogues."

    def handle(self, *args, **options):
        segments = (
            StringSegment.objects.filter(source__locale__language_code="en")
            .exclude(context__path=SLUG_PATH)
            .select_related("string", "source")
            .order_by("source_id", "order")
        )
        sources = {}
        for segment in segments:
            sources.setdefault(segment.string.data, segment.source.object_repr)

        for code in TARGET_LANGUAGES:
            path = catalogue_path(code)
            old = polib.pofile(str(path)) if path.exists() else polib.POFile()
            known = {entry.msgid: entry for entry in old}
            new = polib.POFile(wrapwidth=100)
            new.metadata = old.metadata or {
                "Project-Id-Version": "Urban SDG Knowledge Platform demo content",
                "Language": code,
                "Content-Type": "text/plain; charset=UTF-8",
            }
            missing = 0
            for msgid, where in sources.items():
                entry = known.get(msgid) or polib.POEntry(msgid=msgid, msgstr="")
                entry.comment = where
                missing += not entry.msgstr
                new.append(entry)
            new.save(str(path))
            self.stdout.write(f"{path.name}: {len(new)} strings, {missing} untranslated")
