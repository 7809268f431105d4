"""SQL queries per request of the given paths, on the current database: each path is asked
twice and the second request's queries are counted (what a reader meets once the fragments are
kept). Prints {path: queries} as JSON. `scripts/bench_scale.py` runs it on the small and on the
large database and fails when an endpoint needs more on the large one: the cost in queries must
not grow with the corpus.
"""

import json

from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import override_settings


# Not django.test.utils.CaptureQueriesContext: the client's request_started signal resets the
# connection's query log mid-capture (reset_queries), so it would count nothing.
class Counter:
    def __init__(self):
        self.count = 0

    def __call__(self, execute, sql, params, many, context):
        self.count += 1
        return execute(sql, params, many, context)


class Command(BaseCommand):
    help = "Print the SQL queries per request of each path, as JSON."

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+")

    def handle(self, *args, paths, **options):
        counts = {}
        # The test client's host name is refused by production's ALLOWED_HOSTS.
        with override_settings(ALLOWED_HOSTS=["testserver"]):
            client = Client()
            for path in paths:
                client.get(path)
                counter = Counter()
                with connection.execute_wrapper(counter):
                    response = client.get(path)
                if response.status_code != 200:
                    raise CommandError(f"{path} answered {response.status_code}")
                counts[path] = counter.count
        self.stdout.write(json.dumps(counts))
