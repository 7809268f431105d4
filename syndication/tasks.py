"""Background jobs of syndication: one attempt of a delivery, and the periodic retry sweep
(settings.PERIODIC_TASKS). Retries are swept rather than deferred, so they work with every task
backend, and a delivery whose worker died is picked up again."""

from django_tasks import task

from . import delivery

# At most this many deliveries per sweep; the next sweep takes the rest.
SWEEP_SIZE = 500


@task()
def deliver_webhook(delivery_id):
    """Attempt the delivery whose primary key is `delivery_id`, if it is due."""
    return delivery.deliver(delivery_id)


@task()
def retry_webhooks():
    """Enqueue every pending or retrying delivery whose next attempt has come."""
    due = list(delivery.due_deliveries().values_list("pk", flat=True)[:SWEEP_SIZE])
    for pk in due:
        deliver_webhook.enqueue(pk)
    return len(due)
