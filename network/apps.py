from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NetworkConfig(AppConfig):
    """Cities like mine: size bands, peer cities and initiatives recommended from peers. May
    import certification and knowledge."""

    name = "network"
    label = "network"
    verbose_name = _("Network of cities")
    default_auto_field = "django.db.models.BigAutoField"
