"""Background jobs of the network, enqueued by the scheduler (settings.PERIODIC_TASKS)."""

from django_tasks import task

from .digest import send_digest


@task()
def moderation_digest():
    """The moderators' daily digest of what waits, when something waits."""
    return send_digest()
