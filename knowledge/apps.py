from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """SDGs, targets, themes, cities and initiatives. Imports no other app of ours.

    Needs from the project: `knowledge.admin_permissions.AdminPermissionMiddleware` in MIDDLEWARE
    after the authentication middleware (a system check says so when it is missing). Its settings
    and their defaults are in `knowledge.conf`. It makes its own groups (moderators, one per
    city) and the moderation workflow after its migrations (knowledge.setup).
    """

    name = "knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401 - registers the system checks
        from .listing import browse
        from .listing_export import export_view
        from .models import InitiativeIndexPage, InitiativeModerationTask
        from .moderation import decline_initiative
        from .setup import setup_after_migrate
        from .signal_handlers import register_signal_handlers
        from .tasks import fill_missing_related

        register_signal_handlers()
        # Entry points of modules that import the models, handed to the models that call them:
        # the initiatives database serves the listing and its exports, and the moderation task
        # declines through knowledge.moderation.
        InitiativeIndexPage.listing_context = staticmethod(browse)
        InitiativeIndexPage.export_view = staticmethod(export_view)
        InitiativeModerationTask.decline_initiative = staticmethod(decline_initiative)
        post_migrate.connect(setup_after_migrate, sender=self, dispatch_uid="knowledge_roles")
        post_migrate.connect(fill_missing_related, sender=self)
