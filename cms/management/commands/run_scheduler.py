"""Enqueue the periodic jobs of settings.PERIODIC_TASKS on their timetable.

Run exactly one scheduler per deployment; the jobs themselves are executed by the workers
(`manage.py db_worker`), as many as needed.
"""

import logging

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils.module_loading import import_string

from apscheduler.schedulers.blocking import BlockingScheduler

logger = logging.getLogger(__name__)


def enqueue(task_path):
    result = import_string(task_path).enqueue()
    logger.info("Enqueued %s as %s", task_path, result.id)


class Command(BaseCommand):
    help = "Run the scheduler that enqueues periodic background jobs."

    def add_arguments(self, parser):
        parser.add_argument(
            "--once",
            action="store_true",
            help="Enqueue every periodic job once and exit (for cron or a health check).",
        )

    def handle(self, *args, **options):
        jobs = settings.PERIODIC_TASKS
        for task_path in jobs:
            try:
                import_string(task_path)
            except ImportError as e:
                raise CommandError(f"Unknown periodic task {task_path}: {e}") from e

        if options["once"]:
            for task_path in jobs:
                enqueue(task_path)
            return

        scheduler = BlockingScheduler(timezone="UTC")
        for task_path, interval in jobs.items():
            scheduler.add_job(
                enqueue,
                "interval",
                args=[task_path],
                id=task_path,
                coalesce=True,
                max_instances=1,
                **interval,
            )
            self.stdout.write(f"Scheduled {task_path} every {interval}")
        try:
            scheduler.start()
        except (KeyboardInterrupt, SystemExit):
            scheduler.shutdown(wait=False)
