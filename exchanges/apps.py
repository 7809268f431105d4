from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangesConfig(AppConfig):
    """Tracked exchanges between cities and the members' notifications. May import
    certification, library and knowledge."""

    name = "exchanges"
    label = "exchanges"
    verbose_name = _("Exchanges")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from . import receivers  # noqa: F401 - connects to knowledge's signals
