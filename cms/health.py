"""`/healthz/`: what a load balancer and an operator need to know, as JSON.

Each dependency is checked cheaply (a `SELECT 1`, a PING, two indexed aggregates) and reported
as "ok", "degraded" (working, but something waits or is stuck) or "down". Only the database is
required: without it the site answers 503, so /healthz/ answers 503 (with Retry-After) and a
load balancer stops sending traffic. The cache (Redis), the job queue, the mail queue and the
search engine are reported but not required: the site serves without them.
"""

import logging
import time

from django.conf import settings
from django.core.cache import caches
from django.db import DatabaseError, connection
from django.db.models import Min
from django.http import JsonResponse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from mailqueue.models import QueuedEmail

from .jobs import expired_jobs

logger = logging.getLogger(__name__)

# A ready job waiting longer than this means no worker is taking jobs.
JOB_QUEUE_DELAY = 300
# A message waiting longer than this means mail is not getting through.
MAIL_QUEUE_DELAY = 900
# Seconds to wait for the search engine's answer.
SEARCH_PING_TIMEOUT = 2


def _failure(error, **details):
    """A check that failed: the kind of error only, since /healthz/ is public (the message may
    name hosts and ports); the whole message goes to the log."""
    logger.warning("Health check: %s", error)
    return {"status": "down", "error": type(error).__name__, **details}


def _seconds_since(moment):
    return None if moment is None else max(0, round((timezone.now() - moment).total_seconds()))


def check_database():
    started = time.monotonic()
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError as error:
        return _failure(error)
    return {"status": "ok", "ms": round((time.monotonic() - started) * 1000, 1)}


def check_cache():
    default = caches["default"]
    if hasattr(default, "status"):
        return {"backend": "redis", **default.status()}
    return {"status": "ok", "backend": "local"}


def check_jobs():
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import DBTaskResult

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if not isinstance(backend, DatabaseBackend):
        return {"status": "ok", "backend": type(backend).__name__}
    try:
        oldest = DBTaskResult.objects.ready().aggregate(oldest=Min("enqueued_at"))["oldest"]
        stuck = expired_jobs().count()
    except DatabaseError as error:
        return _failure(error)
    waiting = _seconds_since(oldest)
    late = waiting is not None and waiting > JOB_QUEUE_DELAY
    return {
        "status": "degraded" if late or stuck else "ok",
        "oldest_ready_seconds": waiting,
        "stuck_running": stuck,
    }


def check_mail():
    try:
        oldest = QueuedEmail.objects.filter(status__in=QueuedEmail.OPEN).aggregate(
            oldest=Min("created_at")
        )["oldest"]
    except DatabaseError as error:
        return _failure(error)
    waiting = _seconds_since(oldest)
    late = waiting is not None and waiting > MAIL_QUEUE_DELAY
    return {"status": "degraded" if late else "ok", "oldest_waiting_seconds": waiting}


def check_search(database):
    from wagtail.search.backends import get_search_backend

    backend = get_search_backend()
    client = getattr(backend, "es", None)
    if client is None:
        # The database backend: up when the database is.
        return {"status": database["status"], "backend": "database"}
    try:
        if hasattr(client, "options"):  # Elasticsearch 8 and 9
            answered = client.options(request_timeout=SEARCH_PING_TIMEOUT).ping()
        else:  # OpenSearch
            answered = client.ping(request_timeout=SEARCH_PING_TIMEOUT)
    except Exception as error:  # noqa: BLE001 - whatever the client raises, the engine is down
        return _failure(error, backend=type(backend).__module__)
    return {"status": "ok" if answered else "down", "backend": type(backend).__module__}


def report():
    """(status, {name: result}). Without the database, the queues in it are not asked."""
    database = check_database()
    if database["status"] == "down":
        jobs = mail = {"status": "down", "error": "the database is down"}
    else:
        jobs, mail = check_jobs(), check_mail()
    checks = {
        "database": {**database, "required": True},
        "cache": {**check_cache(), "required": False},
        "jobs": {**jobs, "required": False},
        "mail": {**mail, "required": False},
        "search": {**check_search(database), "required": False},
    }
    if any(check["required"] and check["status"] == "down" for check in checks.values()):
        status = "down"
    elif any(check["status"] != "ok" for check in checks.values()):
        status = "degraded"
    else:
        status = "ok"
    return status, checks


@never_cache
def healthz(request):
    """200 while every required dependency is up (even if others are degraded), else 503."""
    status, checks = report()
    response = JsonResponse(
        {"status": status, "checks": checks}, status=503 if status == "down" else 200
    )
    if status == "down":
        response["Retry-After"] = str(settings.DATABASE_RETRY_AFTER)
    return response
