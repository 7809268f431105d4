from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The project app: base templates, static files, error pages and site-wide commands."""

    name = "cms"
    label = "cms"
    verbose_name = _("Site")

    def ready(self):
        # client registers the proxy settings' checks; security records when a session signs in.
        from knowledge.roles import register_role_setup

        from . import client, security  # noqa: F401
        from .roles import ensure_roles
        from .signal_handlers import register_signal_handlers
        from .two_factor import policy  # noqa: F401 - forgets cached devices when they change

        register_signal_handlers()
        register_role_setup(ensure_roles)
