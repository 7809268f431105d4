"""Partner organisations in the exchanges: the accounts that act for a partner, and the cities a
partner follows once the city consents.

A partner is named by the translation key of its PartnerPage (the `pages` app, which this app
may not import; exchanges.partners reaches the pages through a hook).
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page


class PartnerAccount(models.Model):
    """A person who acts for a partner organisation: answers its exchanges, follows its cities."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.CASCADE,
        related_name="partner_account",
    )
    partner_key = models.UUIDField(_("partner"), db_index=True)
    active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partner account")
        verbose_name_plural = _("partner accounts")
        ordering = ["pk"]

    def __str__(self):
        partner = self.partner()
        return f"{self.user} ({partner.title if partner else self.partner_key})"

    def partner(self):
        """The partner's page in its first language."""
        return Page.objects.filter(translation_key=self.partner_key).order_by("pk").first()


class PartnerCity(models.Model):
    """A partner asks to follow a city's exchanges; it sees them only while the city consents."""

    partner_key = models.UUIDField(_("partner"), db_index=True)
    city_key = models.UUIDField(_("city"), db_index=True)
    consented = models.BooleanField(_("the city consents"), default=False)
    asked_at = models.DateTimeField(_("asked"), auto_now_add=True)
    asked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("asked by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("consent given or withdrawn"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("city followed by a partner")
        verbose_name_plural = _("cities followed by partners")
        ordering = ["pk"]
        constraints = [
            models.UniqueConstraint(fields=["partner_key", "city_key"], name="one_partner_city")
        ]

    def __str__(self):
        return f"{self.partner_key} → {self.city_key}"
