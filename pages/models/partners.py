"""Partner organisations: PartnerIndexPage → PartnerPage."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.fields import RichTextField
from wagtail.images import get_image_model_string
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from knowledge.base.serializers import LOGO_IMAGE, PublicImageRenditionField, TranslationsField
from knowledge.models.cities import page_extras


class PartnerKind(models.TextChoices):
    UNITED_NATIONS = "united-nations", _("United Nations")
    GOVERNMENT = "government", _("City or national government")
    CITY_NETWORK = "city-network", _("City network")
    RESEARCH = "research", _("Research and academia")
    CIVIL_SOCIETY = "civil-society", _("Civil society")
    PRIVATE_SECTOR = "private-sector", _("Private sector")


class PartnerIndexPage(Page):
    """The partners of the platform, by kind. Translated: title, intro."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("translations", serializer=TranslationsField())]
    subpage_types = ["pages.PartnerPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("partner index page")
        verbose_name_plural = _("partner index pages")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        partners = PartnerPage.objects.child_of(self).live().public().select_related("logo")
        groups = {}
        for partner in partners.order_by("title"):
            groups.setdefault(partner.get_kind_display(), []).append(partner)
        context["partner_groups"] = sorted(groups.items())
        return context


class PartnerPage(Page):
    """A partner organisation (ESCAP, CityNet…).

    Translated: title, intro, description. Synchronised: logo, kind, website.
    """

    logo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("logo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind of partner"), max_length=30, choices=PartnerKind.choices)
    intro = models.TextField(_("introduction"), blank=True)
    description = RichTextField(
        _("description"), blank=True, features=["h3", "bold", "italic", "link", "ol", "ul"]
    )
    website = models.URLField(_("website"), blank=True)

    override_translatable_fields = [SynchronizedField("logo")]

    content_panels = Page.content_panels + [
        FieldPanel("kind"),
        FieldPanel("logo"),
        FieldPanel("intro"),
        FieldPanel("description"),
        FieldPanel("website"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro", boost=2),
        index.SearchField("description"),
        index.FilterField("kind"),
    ]

    api_fields = [
        APIField("kind"),
        APIField("intro"),
        APIField("description"),
        APIField("website"),
        APIField("logo", serializer=PublicImageRenditionField(LOGO_IMAGE)),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["pages.PartnerIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")

    def cache_tags(self):
        """The events and webinars it organises (knowledge.base.cache_tags)."""
        return ["list-eventpage", "list-webinarpage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # Relations may point at the source language's partner: match by translation key. The
        # event and webinar models are those of the reverse relations (they import this module).
        organised = {"organisers__translation_key": self.translation_key, "locale": self.locale}
        for name in ("events", "webinars"):
            model = getattr(self, name).model
            pages = model.objects.live().public().filter(**organised).distinct()
            context[name] = pages.order_by("-start")
        # Other apps add sections (exchanges: "Contact this partner") through this hook.
        context["page_sections"] = page_extras("partner_page_sections", request, self)
        return context
