"""Background jobs of certification, enqueued by the scheduler (settings.PERIODIC_TASKS)."""

from django_tasks import task

from . import clarification
from .committee import expiry_reminders, record_expiries
from .conf import app_settings


@task()
def clarification_deadlines():
    """Reminders before a clarification deadline; applications back to review after it."""
    return clarification.clarification_deadlines(
        reminder_days=app_settings.CLARIFICATION_REMINDER_DAYS
    )


@task()
def certificate_expiry_reminders():
    """Reminders to cities whose certificate expires within CERTIFICATE_REMINDER_DAYS."""
    return expiry_reminders(days=app_settings.CERTIFICATE_REMINDER_DAYS)


@task()
def certificate_expiries():
    """Certificates whose expiry date has passed: recorded once each, and announced."""
    return record_expiries()
