from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CmsConfig(AppConfig):
    """The project app: base templates, static files, error pages and site-wide commands."""

    name = "cms"
    label = "cms"
    verbose_name = _("Site")

    def ready(self):
        from django.apps import apps

        # client registers the proxy settings' checks; security records when a session signs in.
        from . import client, security  # noqa: F401
        from .roles import ensure_roles
        from .signal_handlers import register_signal_handlers
        from .two_factor import policy  # noqa: F401 - forgets cached devices when they change

        register_signal_handlers()
        # post_migrate is sent only for apps with models; roles hang on the pages app's.
        post_migrate.connect(
            ensure_roles, sender=apps.get_app_config("pages"), dispatch_uid="cms_ensure_roles"
        )
