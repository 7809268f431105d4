"""Jobs left RUNNING by a worker that died go back to the queue.

The django-tasks-db worker marks a job RUNNING when it takes it and SUCCESSFUL or FAILED when
it ends; a worker killed in between (deploy, out of memory, a lost machine) leaves the job
RUNNING for ever. A job still RUNNING after its lease (TASK_LEASE_SECONDS, or the longer lease
of its task in TASK_LEASES, e.g. exports) is made READY again, for the next worker to run from
the start: every job of the platform (index updates, purges, exports, e-mails, webhooks) can run
again without harm. A job that has outlived its lease MAX_ATTEMPTS times is marked FAILED, so a
job that kills its worker does not kill them all in turn.
"""

import logging

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from django_tasks import TaskResultStatus
from django_tasks_db.models import DBTaskResult

logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 3


def expired_jobs(now=None):
    """RUNNING jobs whose lease has run out."""
    now = now or timezone.now()
    leases = settings.TASK_LEASES
    default = now - timezone.timedelta(seconds=settings.TASK_LEASE_SECONDS)
    condition = Q(started_at__lt=default) & ~Q(task_path__in=list(leases))
    for path, seconds in leases.items():
        condition |= Q(task_path=path, started_at__lt=now - timezone.timedelta(seconds=seconds))
    return DBTaskResult.objects.running().filter(condition)


def requeue_expired_jobs():
    """Put jobs whose lease ran out back in the queue (or fail them): {"requeued", "failed"}."""
    outcome = {"requeued": 0, "failed": 0}
    for job in expired_jobs().only("id", "task_path", "started_at", "worker_ids"):
        # Only if it is still as we read it: the worker may finish, or another take it, meanwhile.
        same = DBTaskResult.objects.filter(
            pk=job.pk, status=TaskResultStatus.RUNNING, started_at=job.started_at
        )
        attempts = len(job.worker_ids or [])
        if attempts >= MAX_ATTEMPTS:
            changed = same.update(
                status=TaskResultStatus.FAILED,
                finished_at=timezone.now(),
                exception_class_path="cms.jobs.LeaseExpired",
                traceback=(
                    f"The job was still running after its lease {attempts} times; "
                    "its workers are presumed dead."
                ),
            )
            key = "failed"
        else:
            changed = same.update(status=TaskResultStatus.READY, started_at=None)
            key = "requeued"
        if changed:
            outcome[key] += 1
            logger.warning(
                "Job %s (%s) outlived its lease after %d attempts: %s.",
                job.pk,
                job.task_path,
                attempts,
                "failed" if key == "failed" else "back in the queue",
            )
    return outcome
