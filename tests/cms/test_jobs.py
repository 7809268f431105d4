"""Jobs left RUNNING past their lease go back to the queue (cms.jobs), every minute from the
scheduler and when a worker starts; a job that keeps outliving its lease fails."""

import datetime

from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms.tasks import publish_scheduled, requeue_expired_jobs
from knowledge.tasks import export_open_data

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def running(task, minutes_ago, workers=1):
    job = DBTaskResult.objects.get(id=task.enqueue().id)
    job.status = TaskResultStatus.RUNNING
    job.started_at = timezone.now() - datetime.timedelta(minutes=minutes_ago)
    job.worker_ids = [f"worker-{n}" for n in range(workers)]
    job.save()
    return job


@pytest.fixture
def database_tasks(settings):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_LEASE_SECONDS = 300
    settings.TASK_LEASES = {"knowledge.tasks.export_open_data": 3600}


def test_a_job_past_its_lease_goes_back_to_the_queue(database_tasks, settings):
    orphaned = running(publish_scheduled, minutes_ago=6)
    busy = running(publish_scheduled, minutes_ago=2)
    long_export = running(export_open_data, minutes_ago=30)

    assert requeue_expired_jobs.call() == {"requeued": 1, "failed": 0}

    for job in (orphaned, busy, long_export):
        job.refresh_from_db()
    assert orphaned.status == TaskResultStatus.READY and orphaned.started_at is None
    assert orphaned in DBTaskResult.objects.ready()
    assert busy.status == TaskResultStatus.RUNNING
    assert long_export.status == TaskResultStatus.RUNNING  # exports have an hour


def test_an_export_past_its_own_lease_goes_back_too(database_tasks):
    export = running(export_open_data, minutes_ago=61)

    requeue_expired_jobs.call()

    export.refresh_from_db()
    assert export.status == TaskResultStatus.READY


def test_a_job_that_outlived_its_lease_three_times_fails(database_tasks):
    poison = running(publish_scheduled, minutes_ago=6, workers=3)

    assert requeue_expired_jobs.call() == {"requeued": 0, "failed": 1}

    poison.refresh_from_db()
    assert poison.status == TaskResultStatus.FAILED
    assert "lease 3 times" in poison.traceback


def test_the_scheduler_runs_the_recovery_every_minute(settings):
    assert settings.PERIODIC_TASKS["cms.tasks.requeue_expired_jobs"] == {"minutes": 1}
