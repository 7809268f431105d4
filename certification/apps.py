from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    """SDG Cities certification. May import knowledge and files."""

    name = "certification"
    label = "certification"
    verbose_name = _("Certification")
    default_auto_field = "django.db.models.BigAutoField"
