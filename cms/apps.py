from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The project app: base templates, static files, error pages and site-wide commands."""

    name = "cms"
    label = "cms"
    verbose_name = _("Site")
