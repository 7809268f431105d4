"""Running the job queue in the test process, and a job slow enough to kill a worker in."""

import time
from pathlib import Path

from django.db import transaction

from django_tasks import task
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult


def run_jobs(limit=100):
    """Run every ready job as `manage.py db_worker` does (its claim and its run_task), without
    its connection handling, which would end the test's transaction. Returns how many ran."""
    worker = Worker(
        queue_names=["*"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="fault-tests",
        excluded_queue_names=[],
    )
    ran = 0
    while ran < limit:
        with transaction.atomic():
            job = DBTaskResult.objects.ready().get_locked()
            if job is None:
                return ran
            job.claim(worker.worker_id)
        worker.run_task(job)
        ran += 1
    return ran


@task()
def write_after_a_pause(marker, seconds):
    """Write `marker` (a file path) once the job has run `seconds`; the first run also leaves
    `<marker>.started` behind, so that the test knows when to kill the worker."""
    started = Path(f"{marker}.started")
    if not started.exists():
        started.write_text("started")
        time.sleep(seconds)
    Path(marker).write_text("done")
    return "done"
