from django.apps import AppConfig
from django.conf import settings
from django.core import checks
from django.utils.translation import gettext_lazy as _

QUEUE_BACKEND = "mailqueue.backend.QueuedEmailBackend"


def check_delivery_backend(app_configs, **kwargs):
    """The queue hands messages to EMAIL_DELIVERY_BACKEND: the queue itself would loop."""
    backend = getattr(settings, "EMAIL_DELIVERY_BACKEND", "")
    if not backend or backend == QUEUE_BACKEND:
        return [
            checks.Error(
                "EMAIL_DELIVERY_BACKEND must name the backend that really sends mail "
                "(SMTP, console…), not the mail queue.",
                id="mailqueue.E001",
            )
        ]
    return []


class MailQueueConfig(AppConfig):
    """Outgoing e-mail as rows of a queue, delivered by the background worker with retries.

    Imports no other app of ours: every app sends mail through Django's mail API, and the
    EMAIL_BACKEND setting routes it here.
    """

    name = "mailqueue"
    verbose_name = _("Mail queue")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        checks.register(check_delivery_backend)
