from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Award programmes, their cycles, nominations of existing initiatives, the jury's scores and
    the published results. May import knowledge and certification (its conflict register)."""

    name = "awards"
    label = "awards"
    verbose_name = _("Awards")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from knowledge.roles import register_role_setup

        from .setup import ensure_award_roles

        register_role_setup(ensure_award_roles)
