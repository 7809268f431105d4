"""City members: registrations, memberships, each city's contributor group, and decisions on
initiatives that moderators decline for good."""

from django.conf import settings
from django.contrib.auth.models import Group
from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.models import Collection, Page, Revision

from django_countries.fields import CountryField

from ..base.regions import Region
from .cities import CityPage


class CityGroup(models.Model):
    """The contributor group and the private upload collection of one city (all languages)."""

    city_key = models.UUIDField(_("city"), unique=True)  # translation_key of the city pages
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="city_group")
    collection = models.ForeignKey(
        Collection, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("city group")
        verbose_name_plural = _("city groups")

    def __str__(self):
        return self.group.name


class CityMembership(models.Model):
    """An approved member of a city. One city per member; one focal point per city."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="city_membership"
    )
    city_key = models.UUIDField(_("city"))
    is_focal_point = models.BooleanField(_("focal point"), default=False)
    active = models.BooleanField(
        _("active"),
        default=True,
        help_text=_(
            "An inactive member keeps the account but loses every right on the city's pages, "
            "in My City, certification and the admin."
        ),
    )
    joined_at = models.DateTimeField(_("joined"), auto_now_add=True)

    class Meta:
        verbose_name = _("city membership")
        verbose_name_plural = _("city memberships")
        constraints = [
            models.UniqueConstraint(
                fields=["city_key"],
                condition=models.Q(is_focal_point=True),
                name="one_focal_point_per_city",
            )
        ]

    def __str__(self):
        return str(self.user)

    def city(self, locale=None):
        """The city page in `locale` if it exists there, else in any language."""
        pages = CityPage.objects.filter(translation_key=self.city_key)
        if locale is not None:
            localized = pages.filter(locale=locale).first()
            if localized is not None:
                return localized
        return pages.order_by("pk").first()


class Registration(models.Model):
    """A request to join the platform on behalf of a city, waiting for e-mail verification and
    then for a moderator. The account exists from the start but stays inactive until approved."""

    class Status(models.TextChoices):
        UNVERIFIED = "unverified", _("E-mail not yet verified")
        PENDING = "pending", _("Waiting for a moderator")
        APPROVED = "approved", _("Approved")
        DECLINED = "declined", _("Declined")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="registration"
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail address"))
    city = models.ForeignKey(
        "knowledge.CityPage",
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    requested_city = models.CharField(_("city not on the platform yet"), max_length=200, blank=True)
    requested_country = CountryField(_("country of that city"), blank=True)
    requested_region = models.CharField(
        _("region of that city"), max_length=30, choices=Region.choices, blank=True
    )
    position = models.CharField(_("position"), max_length=200)
    organisation = models.CharField(_("organisation"), max_length=200)
    motivation = models.TextField(_("why you join"))
    language = models.CharField(
        _("language"), max_length=10, choices=settings.LANGUAGES, default="en"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.UNVERIFIED
    )
    created_at = models.DateTimeField(_("requested"), auto_now_add=True)
    verified_at = models.DateTimeField(_("e-mail verified"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    decline_reason = models.TextField(_("reason for declining"), blank=True)
    # The version of the privacy notice (PRIVACY_NOTICE_VERSION) the person agreed to, and when.
    privacy_notice_version = models.CharField(
        _("privacy notice version"), max_length=50, blank=True
    )
    consented_at = models.DateTimeField(_("agreed to the privacy notice"), null=True, blank=True)

    class Meta:
        verbose_name = _("registration")
        verbose_name_plural = _("registrations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} <{self.email}>"

    @property
    def city_label(self):
        if self.city_id:
            return self.city.title
        return self.requested_city


class InitiativeDecision(models.Model):
    """A moderator's "decline for good", with the reason shown to the city.

    Without a revision, the whole initiative is declined: it was never published and cannot be
    submitted again. With one, only that revision of a live initiative is declined: the live
    version, its place in listings and open data, and the city's right to edit it stay as they
    were.
    """

    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="initiative_decisions")
    revision = models.OneToOneField(
        Revision, null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.TextField(_("reason"))
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    decided_at = models.DateTimeField(_("decided"), auto_now_add=True)

    class Meta:
        verbose_name = _("declined initiative")
        verbose_name_plural = _("declined initiatives")
        constraints = [
            models.UniqueConstraint(
                fields=["page"],
                condition=models.Q(revision__isnull=True),
                name="one_decline_for_good_per_page",
            )
        ]

    def __str__(self):
        return str(self.page)
