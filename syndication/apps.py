from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SyndicationConfig(AppConfig):
    """Signed webhooks that keep partner sites in sync with published pages.

    Imports no other app of ours: it works on Wagtail's pages of every type.
    """

    name = "syndication"
    # "syndication" is the label of django.contrib.syndication (the RSS feeds).
    label = "webhooks"
    verbose_name = _("Syndication")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .events import register_signal_handlers

        register_signal_handlers()
