from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SearchConfig(AppConfig):
    """Site search. May import pages, knowledge and certification."""

    name = "search"
    label = "search"
    verbose_name = _("Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import documents

        documents.connect()
        post_migrate.connect(documents.build_missing, sender=self)
