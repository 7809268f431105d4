"""Background jobs: persisted by the database backend, run by the worker, scheduled periodically."""

import datetime
from io import StringIO

from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms.tasks import publish_scheduled
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def schedule_page(homes):
    page = StandardPageFactory(parent=homes["en"], title="Launch notice", live=False)
    page.go_live_at = timezone.now() - datetime.timedelta(minutes=5)
    page.save_revision(approved_go_live_at=page.go_live_at)
    return page


def test_publish_scheduled_task_publishes_pages_whose_time_has_come(homes):
    page = schedule_page(homes)

    publish_scheduled.enqueue()

    page.refresh_from_db()
    assert page.live


# The worker closes stale connections between jobs, as it must in production: this test cannot
# run inside a transaction that is rolled back at the end.
@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@override_settings(TASKS=DATABASE_TASKS)
def test_jobs_are_persisted_and_run_by_the_worker(homes):
    page = schedule_page(homes)

    result = publish_scheduled.enqueue()

    stored = DBTaskResult.objects.get(id=result.id)
    assert stored.status == TaskResultStatus.READY
    page.refresh_from_db()
    assert not page.live  # nothing runs until a worker picks the job up

    call_command("db_worker", "--batch", "--no-startup-delay", stdout=StringIO())

    stored.refresh_from_db()
    assert stored.status == TaskResultStatus.SUCCESSFUL
    page.refresh_from_db()
    assert page.live


@override_settings(TASKS=DATABASE_TASKS)
def test_scheduler_enqueues_every_periodic_job(settings):
    call_command("run_scheduler", "--once", stdout=StringIO())

    queued = set(DBTaskResult.objects.values_list("task_path", flat=True))
    assert queued == set(settings.PERIODIC_TASKS)


def test_scheduler_refuses_an_unknown_job(settings):
    from django.core.management.base import CommandError

    settings.PERIODIC_TASKS = {"cms.tasks.no_such_job": {"minutes": 1}}
    with pytest.raises(CommandError, match="no_such_job"):
        call_command("run_scheduler", "--once")
