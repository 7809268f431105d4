"""City profiles: CityIndexPage → CityPage, with focal points and social accounts."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail import hooks
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from django_countries.fields import CountryField

from ..base.regions import Region
from ..base.serializers import CountryField as CountryAPIField
from ..base.serializers import (
    FocalPointsField,
    SocialAccountsField,
    TranslationsField,
    image_api_fields,
)
from ..permissions import KnowledgePagePermissionsMixin


class CityIndexPage(KnowledgePagePermissionsMixin, Page):
    """The list of cities. Translated: title, intro."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("translations", serializer=TranslationsField())]
    subpage_types = ["knowledge.CityPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("city index page")
        verbose_name_plural = _("city index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        live = Q(initiatives__live=True, initiatives__locale_id=self.locale_id)
        cities = (
            CityPage.objects.child_of(self)
            .live()
            .public()
            .annotate(initiative_count=Count("initiatives", filter=live, distinct=True))
            .order_by("title")
        )
        by_region = {}
        for city in cities:
            by_region.setdefault(city.get_region_display(), []).append(city)
        context["cities_by_region"] = sorted(by_region.items(), key=lambda item: item[0])
        return context


class CityPage(KnowledgePagePermissionsMixin, Page):
    """A city's profile.

    Translated: title, intro, profile, focal points' roles. Synchronised from the source: country,
    region, population, coordinates, website, image, social accounts, focal points' names and
    contact details.
    """

    country = CountryField(_("country"))
    region = models.CharField(_("region"), max_length=30, choices=Region.choices)
    population = models.PositiveBigIntegerField(_("population"), null=True, blank=True)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    website = models.URLField(_("website"), blank=True)
    intro = models.TextField(
        _("introduction"), blank=True, help_text=_("One or two sentences about the city.")
    )
    profile = RichTextField(
        _("profile"),
        blank=True,
        features=["bold", "italic", "link", "ol", "ul"],
        help_text=_("The city's context: its people, economy and main urban challenges."),
    )
    image = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    override_translatable_fields = [
        SynchronizedField("country", overridable=False),
        SynchronizedField("population"),
        SynchronizedField("image"),
    ]

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("profile"),
        FieldPanel("image"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("country"), FieldPanel("region")]),
                FieldPanel("population"),
                FieldRowPanel([FieldPanel("latitude"), FieldPanel("longitude")]),
            ],
            heading=_("Location"),
        ),
        MultiFieldPanel(
            [FieldPanel("website"), InlinePanel("social_accounts", label=_("Social accounts"))],
            heading=_("Online"),
        ),
        InlinePanel("focal_points", label=_("Focal points")),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("profile"),
        index.FilterField("country"),
        index.FilterField("region"),
    ]

    api_fields = [
        APIField("country", serializer=CountryAPIField()),
        APIField("region"),
        APIField("population"),
        APIField("latitude"),
        APIField("longitude"),
        APIField("website"),
        APIField("intro"),
        APIField("profile"),
        *image_api_fields(),
        APIField("social_accounts", serializer=SocialAccountsField()),
        APIField("focal_points", serializer=FocalPointsField()),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["knowledge.CityIndexPage"]
    subpage_types = ["knowledge.InitiativePage"]

    class Meta:
        verbose_name = _("city")
        verbose_name_plural = _("cities")

    def cache_tags(self):
        """Its initiatives, its members (focal point) and the stage it is certified for."""
        return ["list-initiativepage", f"city-{self.translation_key}", "certificates"]

    def get_context(self, request, *args, **kwargs):
        # The initiative model is that of the reverse relation (initiatives import this module).
        InitiativePage = self.initiatives.model
        context = super().get_context(request, *args, **kwargs)
        initiatives = (
            InitiativePage.objects.child_of(self).live().public().with_card_data().order_by("title")
        )
        context["initiatives"] = InitiativePage.prepare_cards(initiatives, request)
        # The map of initiatives comes from the template (knowledge_tags.city_initiative_map).
        context["focal_points"] = self.focal_points.all()
        context["social_accounts"] = self.social_accounts.all()
        # Other apps add to the page header (certification shows the current stage): each
        # function of the hook takes the request and the city and returns HTML or None.
        context["header_extras"] = page_extras("city_page_header", request, self)
        # Key facts other apps add after the population (each a <dt> and its <dd>s).
        context["fact_extras"] = page_extras("city_page_facts", request, self)
        # Sections other apps add below the city's initiatives (peers, awards, exchanges).
        context["page_sections"] = page_extras("city_page_sections", request, self)
        return context

    @property
    def has_coordinates(self):
        return self.latitude is not None and self.longitude is not None


def page_extras(hook_name, request, page):
    """The HTML that the functions registered for a page hook return, in hook order.

    Apps above `knowledge` add to its pages through these hooks instead of `knowledge` importing
    them: each function takes the request and the page and returns HTML (marked safe) or None.
    """
    return [html for hook in hooks.get_hooks(hook_name) if (html := hook(request, page))]


class CitySocialAccount(Orderable):
    """A social network account of the city government. Synchronised across languages."""

    class Network(models.TextChoices):
        FACEBOOK = "facebook", "Facebook"
        X = "x", "X (Twitter)"
        INSTAGRAM = "instagram", "Instagram"
        LINKEDIN = "linkedin", "LinkedIn"
        YOUTUBE = "youtube", "YouTube"
        WEIBO = "weibo", "Weibo"
        WECHAT = "wechat", "WeChat"
        VK = "vk", "VK"
        OTHER = "other", _("Other")

    page = ParentalKey(CityPage, on_delete=models.CASCADE, related_name="social_accounts")
    network = models.CharField(_("network"), max_length=20, choices=Network.choices)
    url = models.URLField(_("address"))

    panels = [FieldPanel("network"), FieldPanel("url")]

    class Meta(Orderable.Meta):
        verbose_name = _("social account")
        verbose_name_plural = _("social accounts")


class FocalPoint(TranslatableMixin, Orderable):
    """A contact person of the city. Name and role are public; e-mail and phone are shown only to
    signed-in members. Translated: role; synchronised: name, e-mail, phone."""

    page = ParentalKey(CityPage, on_delete=models.CASCADE, related_name="focal_points")
    name = models.CharField(_("name"), max_length=200)
    role = models.CharField(_("role"), max_length=200)
    email = models.EmailField(_("e-mail address"), blank=True)
    phone = models.CharField(_("phone"), max_length=50, blank=True)

    translatable_fields = [
        TranslatableField("role"),
        SynchronizedField("name"),
        SynchronizedField("email"),
        SynchronizedField("phone"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("role")]),
        FieldRowPanel([FieldPanel("email"), FieldPanel("phone")]),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("focal point")
        verbose_name_plural = _("focal points")
