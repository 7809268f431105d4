"""Add generated initiatives to the demo cities in all six languages, for `make bench`.

Each generated initiative is a group of six live pages, one per language, under the city's
translation in that language and sharing one `translation_key`, as wagtail-localize would
leave them. Idempotent: initiative n has the English slug `benchmark-initiative-<n>`, and
only the pages missing from groups 1..--initiatives are written. Text comes from a random
generator seeded by --seed and n, so a group completed later reads as if written at once.

Fast on PostgreSQL (30,000 pages): Wagtail pages cannot be bulk-created (multi-table
inheritance), so each page costs two inserts, but tree positions are computed here instead of
re-reading each parent, relations are bulk-inserted, a group is one transaction, and search
indexing runs once at the end (`update_index`) instead of a queued task per page.
"""

import logging
import random
import time
import uuid
from contextlib import contextmanager

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.db.models import F
from django.db.models.signals import post_save
from django.utils import timezone

from wagtail.models import Locale, Page
from wagtail.signal_handlers import disable_reference_index_auto_update

from modelsearch.signal_handlers import post_save_signal_handler

from bench.words import TITLE_PREFIXES, sentence
from knowledge.models import (
    CityPage,
    InitiativePage,
    InitiativeStatus,
    RelatedInitiatives,
    SustainableDevelopmentGoal,
    Theme,
)

SLUG_PREFIX = "benchmark-initiative-"
SOURCE_LANGUAGE = "en"
PROGRESS_EVERY = 250


class ChildAppender:
    """Appends pages under one parent, computing tree paths as treebeard's add_child does
    but reading the parent's last child only once."""

    def __init__(self, parent):
        self.parent = parent
        last = parent.get_last_child()
        self.position = last._get_lastpos_in_path() if last else 0

    def append(self, page):
        self.position += 1
        page.depth = self.parent.depth + 1
        page.path = Page._get_path(self.parent.path, page.depth, self.position)
        page._cached_parent_obj = self.parent
        page._is_site_root = False
        # Valid by construction (unique slug per parent, new translation key): no full_clean.
        page.save(clean=False)


@contextmanager
def quiet_bulk_writes():
    """No search-index task per saved page (update_index runs once at the end), no reference
    index task (it serves the admin's usage counts), no log line per created page."""
    post_save.disconnect(post_save_signal_handler, sender=InitiativePage)
    wagtail_logger = logging.getLogger("wagtail")
    level = wagtail_logger.level
    wagtail_logger.setLevel(logging.WARNING)
    try:
        with disable_reference_index_auto_update():
            yield
    finally:
        wagtail_logger.setLevel(level)
        post_save.connect(post_save_signal_handler, sender=InitiativePage)


class Command(BaseCommand):
    help = "Add generated initiatives, in six languages, to the demo cities, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2030)

    def handle(self, *args, initiatives, seed, **options):
        locales = {locale.language_code: locale for locale in Locale.objects.all()}
        missing_locales = set(TITLE_PREFIXES) - set(locales)
        if missing_locales:
            raise CommandError(f"Locales missing: {', '.join(sorted(missing_locales))}")
        sources = list(CityPage.objects.filter(locale=locales[SOURCE_LANGUAGE]).order_by("pk"))
        if not sources:
            raise CommandError("Load the demo content first: manage.py load_demo_content")
        cities = {
            (city.translation_key, city.locale_id): city
            for city in CityPage.objects.filter(
                translation_key__in=[c.translation_key for c in sources]
            )
        }
        untranslated = [
            city.title
            for city in sources
            for locale in locales.values()
            if (city.translation_key, locale.pk) not in cities
        ]
        if untranslated:
            raise CommandError(
                f"Cities without a page in every language: {', '.join(sorted(set(untranslated)))}"
            )
        goals = list(SustainableDevelopmentGoal.objects.filter(locale=locales[SOURCE_LANGUAGE]))
        themes = list(Theme.objects.filter(locale=locales[SOURCE_LANGUAGE]))

        existing = {}  # n -> {language code: page id}
        keys = {}  # n -> the translation_key its pages share
        for slug, language, key, pk in InitiativePage.objects.filter(
            slug__startswith=SLUG_PREFIX
        ).values_list("slug", "locale__language_code", "translation_key", "pk"):
            number = int(slug.removeprefix(SLUG_PREFIX))
            existing.setdefault(number, {})[language] = pk
            keys[number] = key
        todo = [
            number
            for number in range(1, initiatives + 1)
            if len(existing.get(number, ())) < len(TITLE_PREFIXES)
        ]

        appenders = {}
        created = 0
        started = time.perf_counter()
        with quiet_bulk_writes():
            for done, number in enumerate(todo, start=1):
                source_city = sources[(number - 1) % len(sources)]
                parents = {
                    code: cities[(source_city.translation_key, locale.pk)]
                    for code, locale in locales.items()
                    if code in TITLE_PREFIXES and code not in existing.get(number, {})
                }
                for parent in parents.values():
                    if parent.pk not in appenders:
                        appenders[parent.pk] = ChildAppender(parent)
                with transaction.atomic():
                    created += self.add_group(
                        number,
                        seed,
                        keys.get(number) or uuid.uuid4(),
                        {code: appenders[parent.pk] for code, parent in parents.items()},
                        goals,
                        themes,
                    )
                if done % PROGRESS_EVERY == 0 or done == len(todo):
                    elapsed = time.perf_counter() - started
                    self.stdout.write(
                        f"{done} of {len(todo)} initiatives completed, {created} pages "
                        f"({created / elapsed:.0f} pages/s)"
                    )
        self.stdout.write(
            f"{created} pages added in {time.perf_counter() - started:.0f} s; "
            f"{initiatives} initiatives in {len(TITLE_PREFIXES)} languages"
        )
        if created:
            self.stdout.write("Indexing for search")
            call_command("update_index", stdout=self.stdout)
            # Written without publishing signals, the new pages are in no stored list of related
            # initiatives: the lists are dropped, each page chooses its own when first read
            # (`refresh_related_initiatives` chooses them all, an hour for 30,000 pages).
            RelatedInitiatives.objects.all().delete()
            if connection.vendor == "postgresql":
                # Fresh planner statistics: with those of the empty tables, PostgreSQL plans
                # for a dozen pages per language and picks slow joins for thousands.
                with connection.cursor() as cursor:
                    cursor.execute("ANALYZE")

    def add_group(self, number, seed, translation_key, appenders, goals, themes):
        """Write the missing languages of initiative `number`; returns the pages written."""
        group_rng = random.Random(f"{seed}:{number}")
        # Synchronised fields and relations are the same in every language; like
        # wagtail-localize, translations keep pointing at the source language's SDGs and themes.
        group_goals = group_rng.sample(goals, 2)
        group_themes = group_rng.sample(themes, 2)
        start_year = group_rng.randint(2005, 2025)
        status = group_rng.choice(InitiativeStatus.values)
        now = timezone.now()
        pages = []
        for code, appender in appenders.items():
            rng = random.Random(f"{seed}:{number}:{code}")
            title = f"{TITLE_PREFIXES[code]} {number}: {sentence(rng, code, 4)[:-1]}"
            page = InitiativePage(
                title=title,
                draft_title=title,
                slug=f"{SLUG_PREFIX}{number}",
                locale_id=appender.parent.locale_id,
                translation_key=translation_key,
                summary=sentence(rng, code, 20),
                background="".join(f"<p>{sentence(rng, code, 40)}</p>" for _ in range(3)),
                actions=f"<p>{sentence(rng, code, 60)}</p>",
                impacts=f"<p>{sentence(rng, code, 30)}</p>",
                start_year=start_year,
                status=status,
                live=True,
                has_unpublished_changes=False,
                first_published_at=now,
                last_published_at=now,
            )
            appender.append(page)
            pages.append(page)
        InitiativePage.sdgs.through.objects.bulk_create(
            InitiativePage.sdgs.through(initiativepage=page, sustainabledevelopmentgoal=goal)
            for page in pages
            for goal in group_goals
        )
        InitiativePage.themes.through.objects.bulk_create(
            InitiativePage.themes.through(initiativepage=page, theme=theme)
            for page in pages
            for theme in group_themes
        )
        Page.objects.filter(pk__in=[appender.parent.pk for appender in appenders.values()]).update(
            numchild=F("numchild") + 1
        )
        return len(pages)
