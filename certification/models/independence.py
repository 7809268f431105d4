"""The conflict-of-interest register: the secretariat records that a person (a technical
reviewer or a committee member) is linked to a city, a country or an organisation, for a period.
Nobody registered against an application's city or the city's country is offered, assigned,
allowed to review or to vote on it (certification.independence asks this register)."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from django_countries.fields import CountryField


class ConflictOfInterest(models.Model):
    person = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="registered_conflicts",
    )
    city = models.ForeignKey(
        "knowledge.CityPage",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        help_text=_("Any language version of the city: the conflict covers them all."),
    )
    country = CountryField(_("country"), blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    starts_on = models.DateField(_("in force from"), null=True, blank=True)
    ends_on = models.DateField(
        _("in force until"), null=True, blank=True, help_text=_("Leave empty while the link lasts.")
    )
    notes = models.TextField(_("nature of the link"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("conflict of interest")
        verbose_name_plural = _("conflict-of-interest register")
        ordering = ["person_id", "-starts_on", "pk"]

    def __str__(self):
        against = [str(part) for part in (self.city, self.country.name, self.organisation) if part]
        return f"{self.person}: {', '.join(against)}"

    def clean(self):
        if not (self.city_id or self.country or self.organisation.strip()):
            raise ValidationError(_("Name a city, a country or an organisation."))
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": _("The end is before the start.")})
