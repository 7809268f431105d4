from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlertsConfig(AppConfig):
    """Saved searches of the initiatives database and their weekly e-mails of new matches.
    Imports knowledge (its one parameter layer and listing selection) and nothing above it."""

    name = "alerts"
    label = "alerts"
    verbose_name = _("Saved searches")
    default_auto_field = "django.db.models.BigAutoField"
