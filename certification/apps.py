from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CertificationConfig(AppConfig):
    """SDG Cities certification. May import knowledge and files."""

    name = "certification"
    label = "certification"
    verbose_name = _("Certification")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db.models.signals import post_migrate

        from knowledge.roles import register_role_setup

        from .library_tools import move_tools_after_migrate
        from .setup import ensure_certification_roles

        register_role_setup(ensure_certification_roles)
        post_migrate.connect(move_tools_after_migrate, sender=self)
