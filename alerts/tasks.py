"""Background jobs of saved searches, enqueued by the scheduler (settings.PERIODIC_TASKS)."""

from django_tasks import task

from . import searches


@task()
def send_saved_search_alerts():
    """The weekly e-mail of each saved search that is due (alerts.searches)."""
    return searches.send_due_alerts()
