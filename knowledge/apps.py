from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class KnowledgeConfig(AppConfig):
    """SDGs, targets, themes, cities and initiatives, in parts (see the package's docstring).
    Imports only `api` and `files` of ours.

    Needs from the project: `knowledge.languages.admin_access.AdminPermissionMiddleware` in
    MIDDLEWARE after the authentication middleware (a system check says so when it is missing).
    Its settings and their defaults are in `knowledge.conf`. After each migrate it sets up every
    app's registered roles once (`knowledge.roles`), its own among them: the moderators, one group
    per city and the moderation workflow (`knowledge.setup`).
    """

    name = "knowledge"
    label = "knowledge"
    verbose_name = _("Knowledge base")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from . import checks  # noqa: F401 - registers the system checks
        from .initiatives.export import export_view
        from .initiatives.listing import browse
        from .initiatives.moderation import decline_initiative
        from .models import InitiativeIndexPage, InitiativeModerationTask
        from .roles import register_role_setup, set_up_roles_after_migrate
        from .setup import ensure_knowledge_roles
        from .signal_handlers import register_signal_handlers
        from .tasks import fill_missing_related

        register_signal_handlers()
        # Entry points of modules that import the models, handed to the models that call them:
        # the initiatives database serves the listing and its exports, and the moderation task
        # declines through knowledge.initiatives.moderation.
        InitiativeIndexPage.listing_context = staticmethod(browse)
        InitiativeIndexPage.export_view = staticmethod(export_view)
        InitiativeModerationTask.decline_initiative = staticmethod(decline_initiative)
        # Every app's roles (this app's moderators and city groups among them) once per migrate.
        register_role_setup(ensure_knowledge_roles)
        post_migrate.connect(set_up_roles_after_migrate, dispatch_uid="knowledge_roles")
        post_migrate.connect(fill_missing_related, sender=self)
