"""A worker killed in the middle of a job: the job stays RUNNING until its lease runs out, then
the next worker to start takes it again and runs it to the end."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from django.conf import settings
from django.db import connections
from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from .jobs import write_after_a_pause
from .servers import wait_for

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

LEASE = 2  # seconds


def worker_environment(lease_seconds):
    """A worker process on the test database, as `manage.py db_worker` runs in production."""
    database = connections["default"].settings_dict
    if database["ENGINE"].endswith("sqlite3"):
        url = f"sqlite:///{database['NAME']}"
    else:
        url = "postgres://{USER}:{PASSWORD}@{HOST}:{PORT}/{NAME}".format(**database)
    return {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "cms.settings.dev",
        "DEBUG": "false",
        "DATABASE_URL": url,
        "TASK_LEASE_SECONDS": str(lease_seconds),
        "LOG_LEVEL": "WARNING",
    }


def start_worker(*args, lease_seconds=LEASE):
    return subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "db_worker",
            "--no-startup-delay",
            "--interval",
            "0.2",
            *args,
        ],
        cwd=settings.BASE_DIR,
        env=worker_environment(lease_seconds),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def test_a_job_whose_worker_was_killed_runs_again_after_its_lease(settings, tmp_path):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    marker = tmp_path / "done"
    result = write_after_a_pause.enqueue(str(marker), 60)

    first = start_worker()
    try:
        wait_for(lambda: Path(f"{marker}.started").exists(), 30, "the worker to start the job")
        first.send_signal(signal.SIGKILL)  # no chance to record anything
        first.wait(10)
    finally:
        first.kill()
    job = DBTaskResult.objects.get(id=result.id)
    assert job.status == TaskResultStatus.RUNNING
    assert not marker.exists()

    time.sleep(max(0.0, LEASE + 0.2 - (timezone.now() - job.started_at).total_seconds()))
    second = start_worker("--batch")  # its start puts the orphaned job back, then runs it
    output, _ = second.communicate(timeout=60)

    assert second.returncode == 0, output
    assert "1 back in the queue" in output
    job.refresh_from_db()
    assert job.status == TaskResultStatus.SUCCESSFUL, output
    assert len(job.worker_ids) == 2
    assert marker.read_text() == "done"
