"""/healthz/: each dependency reported, 200 while the required ones are up, cheap to ask."""

import datetime

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from cms.tasks import publish_scheduled
from mailqueue.models import QueuedEmail
from tests.faults.servers import free_port

pytestmark = pytest.mark.django_db

DATABASE_TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}


def test_every_dependency_is_reported(client, settings):
    settings.TASKS = DATABASE_TASKS
    client.get("/healthz/")  # the process reads its table of sites once (cms.sites)

    with CaptureQueriesContext(connection) as queries:
        response = client.get("/healthz/")

    assert response.status_code == 200
    assert "no-cache" in response["Cache-Control"]
    body = response.json()
    assert body["status"] == "ok"
    checks = body["checks"]
    assert list(checks) == ["database", "cache", "jobs", "mail", "search"]
    assert checks["database"]["status"] == "ok" and checks["database"]["required"] is True
    assert checks["cache"] == {"status": "ok", "backend": "local", "required": False}
    assert checks["jobs"] == {
        "status": "ok",
        "oldest_ready_seconds": None,
        "stuck_running": 0,
        "required": False,
    }
    assert checks["mail"] == {"status": "ok", "oldest_waiting_seconds": None, "required": False}
    assert checks["search"] == {"status": "ok", "backend": "database", "required": False}
    assert len(queries) <= 5  # a fixed few, whatever the size of the tables


def test_a_queue_nobody_works_on_and_stuck_jobs_make_it_degraded_not_down(client, settings):
    settings.TASKS = DATABASE_TASKS
    settings.TASK_LEASE_SECONDS = 300
    waiting = publish_scheduled.enqueue()
    stuck = publish_scheduled.enqueue()
    long_ago = timezone.now() - datetime.timedelta(minutes=20)
    DBTaskResult.objects.filter(id=waiting.id).update(enqueued_at=long_ago)
    DBTaskResult.objects.filter(id=stuck.id).update(
        status=TaskResultStatus.RUNNING, started_at=long_ago
    )
    QueuedEmail.objects.create(subject="Old", recipients="a@example.org", created_at=long_ago)

    response = client.get("/healthz/")

    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "degraded"
    assert body["checks"]["jobs"]["status"] == "degraded"
    assert body["checks"]["jobs"]["stuck_running"] == 1
    assert body["checks"]["jobs"]["oldest_ready_seconds"] >= 1200
    assert body["checks"]["mail"]["status"] == "degraded"
    assert body["checks"]["mail"]["oldest_waiting_seconds"] >= 1200


def test_an_unreachable_search_engine_is_reported_but_not_required(client, settings):
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "search.backends.opensearch3",
            "URLS": [f"http://127.0.0.1:{free_port()}"],
            "INDEX_PREFIX": "usdg_health_",
            "TIMEOUT": 1,
        }
    }

    response = client.get("/healthz/")

    assert response.status_code == 200
    search = response.json()["checks"]["search"]
    assert search["status"] == "down" and search["required"] is False
    assert response.json()["status"] == "degraded"
