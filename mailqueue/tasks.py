"""Background jobs of the mail queue: storing a message with its delivery job, one delivery
attempt, and the periodic retry sweep (settings.PERIODIC_TASKS). Retries are swept rather than
deferred, so a message whose worker died, or whose job was lost, is taken again."""

from django_tasks import task

from . import delivery
from .models import QueuedEmail

# At most this many messages per sweep; the next sweep takes the rest.
SWEEP_SIZE = 500


@task()
def deliver_email(queued_id):
    """Attempt to send the queued e-mail whose primary key is `queued_id`, if it is due."""
    return delivery.deliver(queued_id)


@task()
def retry_emails():
    """Enqueue every waiting or retrying message whose next attempt has come; forget old sent
    messages."""
    due = list(delivery.due_messages().values_list("pk", flat=True)[:SWEEP_SIZE])
    for pk in due:
        deliver_email.enqueue(pk)
    delivery.prune_sent()
    return len(due)


def store(message):
    """Queue `message` (in the caller's transaction) and hand it to the worker."""
    queued = QueuedEmail.objects.create(
        subject=delivery.text(message.subject)[:255],
        recipients=", ".join(message.recipients()),
        from_email=delivery.text(message.from_email)[:320],
        message=delivery.serialize(message),
    )
    # The job is a row of the same database, written in the same transaction: a worker sees it
    # exactly when the message is committed, and a rolled-back request leaves neither behind.
    deliver_email.enqueue(queued.pk)
    return queued
