"""Search latency: the engine, the search page and the search API, on the current database.

Reports the number of initiatives, then p50 / p95 / p99 / mean latency in milliseconds of each over
a fixed list of queries. A benchmark, not a test: run it with `make bench`.
"""

import statistics
import time

from django.core.management.base import BaseCommand
from django.test import Client
from django.test.utils import override_settings
from django.utils import translation

from wagtail.models import Locale

from knowledge.models import InitiativePage
from search import engine

QUERIES = [
    "water",
    "food policy",
    "housing transport",
    "climate resilience",
    "waste recycling compost",
    "solar",
    "youth jobs",
    "flood river",
    "cycling buses",
    "schools",
]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


class Command(BaseCommand):
    help = "Measure search latency (engine, HTML page, API)."

    def add_arguments(self, parser):
        parser.add_argument("--rounds", type=int, default=3)

    def handle(self, *args, rounds, **options):
        english = Locale.objects.get(language_code="en")
        count = InitiativePage.objects.live().filter(locale=english).count()
        self.stdout.write(f"{count} live English initiatives")
        client = Client()

        def engine_search(query):
            with translation.override("en"):
                outcome = engine.search(english, query)
                engine.with_excerpts(outcome.results[:10], query)

        def page(query):
            response = client.get("/en/search/", {"q": query})
            assert response.status_code == 200, response.status_code

        def api(query):
            response = client.get("/api/v2/search/", {"q": query, "locale": "en"})
            assert response.status_code == 200, response.status_code

        with override_settings(ALLOWED_HOSTS=["*"]):
            for name, run in (("engine", engine_search), ("page", page), ("api", api)):
                timings = []
                for _ in range(rounds):
                    for query in QUERIES:
                        started = time.perf_counter()
                        run(query)
                        timings.append((time.perf_counter() - started) * 1000)
                p50, p95 = percentile(timings, 0.5), percentile(timings, 0.95)
                p99 = percentile(timings, 0.99)
                self.stdout.write(
                    f"search {name:6}  n={len(timings):3}  p50={p50:7.1f} ms  "
                    f"p95={p95:7.1f} ms  p99={p99:7.1f} ms  "
                    f"mean={statistics.mean(timings):7.1f} ms"
                )
