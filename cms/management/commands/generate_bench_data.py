"""Add generated initiatives to the demo cities, for benchmarks (`make bench`).

Idempotent: it adds only what is missing to reach --initiatives. The pages are published
directly (no revisions or workflow) and indexed at the end with update_index.
"""

import random
import time

from django.core.management import call_command
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from knowledge.models import CityPage, InitiativePage, SustainableDevelopmentGoal, Theme

PREFIX = "Benchmark initiative"
WORDS = (
    "water housing transport waste energy health food culture digital governance resilience "
    "climate mobility sanitation parks schools markets jobs youth women heat flood river "
    "budget data planning community cycling buses recycling compost solar trees air"
).split()


def sentence(rng, words=12):
    return " ".join(rng.choice(WORDS) for _ in range(words)).capitalize() + "."


class Command(BaseCommand):
    help = "Add generated English initiatives to the demo cities, for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--initiatives", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2030)

    def handle(self, *args, initiatives, seed, **options):
        rng = random.Random(seed)
        cities = list(CityPage.objects.filter(locale__language_code="en").order_by("pk"))
        if not cities:
            self.stderr.write("Load the demo content first: manage.py load_demo_content")
            return
        goals = list(SustainableDevelopmentGoal.objects.filter(locale__language_code="en"))
        themes = list(Theme.objects.filter(locale__language_code="en"))
        existing = InitiativePage.objects.filter(title__startswith=PREFIX).count()
        missing = max(0, initiatives - existing)
        started = time.perf_counter()
        for number in range(existing, existing + missing):
            city = cities[number % len(cities)]
            with transaction.atomic():
                page = InitiativePage(
                    title=f"{PREFIX} {number + 1}: {sentence(rng, 4)[:-1]}",
                    slug=f"benchmark-initiative-{number + 1}",
                    summary=sentence(rng, 20),
                    background="".join(f"<p>{sentence(rng, 40)}</p>" for _ in range(3)),
                    actions=f"<p>{sentence(rng, 60)}</p>",
                    impacts=f"<p>{sentence(rng, 30)}</p>",
                    start_year=rng.randint(2005, 2025),
                    status="ongoing",
                    live=True,
                    first_published_at=timezone.now(),
                )
                city.add_child(instance=page)
                page.sdgs.set(rng.sample(goals, 2))
                page.themes.set(rng.sample(themes, 2))
            if (number - existing + 1) % 500 == 0:
                self.stdout.write(f"{number - existing + 1} of {missing} initiatives added")
        self.stdout.write(
            f"{missing} initiatives added in {time.perf_counter() - started:.0f} s "
            f"({existing + missing} in all); indexing"
        )
        if missing:
            call_command("update_index", stdout=self.stdout)
