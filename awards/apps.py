from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AwardsConfig(AppConfig):
    """Award programmes, their cycles, nominations of existing initiatives, the jury's scores and
    the published results. May import knowledge and certification (its conflict register)."""

    name = "awards"
    label = "awards"
    verbose_name = _("Awards")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .setup import ensure_award_roles

        post_migrate.connect(ensure_award_roles, sender=self, dispatch_uid="awards_ensure_roles")
