from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailQueueConfig(AppConfig):
    """Outgoing e-mail as rows of a queue, delivered by the background worker with retries.

    Imports no other app of ours: every app sends mail through Django's mail API, and the
    EMAIL_BACKEND setting routes it here.
    """

    name = "mailqueue"
    verbose_name = _("Mail queue")
    default_auto_field = "django.db.models.BigAutoField"
