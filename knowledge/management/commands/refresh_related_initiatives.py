"""Choose every initiative's related initiatives again (knowledge.initiatives.related), e.g. after
pages were written without their signals (`generate_bench_data`) or restored from a backup."""

from django.core.management.base import BaseCommand

from knowledge.initiatives import related


class Command(BaseCommand):
    help = "Choose the related initiatives of every initiative again."

    def handle(self, *args, **options):
        written = related.rebuild(progress=lambda n: self.stdout.write(f"{n} initiatives…"))
        self.stdout.write(f"Chose the related initiatives of {written} initiatives.")
