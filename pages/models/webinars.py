"""Webinars: WebinarIndexPage → WebinarPage, with speakers and the initiatives presented."""

from datetime import timedelta

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.documents import get_document_model_string
from wagtail.fields import StreamField
from wagtail.images import get_image_model_string
from wagtail.models import Orderable, Page, TranslatableMixin
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField, TranslatableField

from knowledge.base.http import refused_if_notice
from knowledge.base.serializers import SDGsField, ThemesField, TranslationsField, image_api_fields
from knowledge.models import CityPage, InitiativePage

from .. import listings
from ..blocks import BodyBlock
from ..calendar import calendar_response
from ..forms import ScheduledPageForm
from ..serializers import CaseStudiesField, OrganisersField, SpeakersField
from .events import ScheduledPage
from .mixins import localized_pages


class WebinarPage(RoutablePageMixin, ScheduledPage):
    """A webinar. Its end is its start plus its duration.

    Translated: title, summary, body, speakers' positions and organisations. Synchronised: start,
    duration, time zone, video, recording, slides, organisers, case studies, SDGs, themes, image.
    """

    duration = models.PositiveSmallIntegerField(
        _("duration in minutes"),
        default=60,
        validators=[MinValueValidator(5), MaxValueValidator(24 * 60)],
    )
    video_url = models.URLField(
        _("video"),
        blank=True,
        max_length=500,
        help_text=_("Address of the live stream or video (YouTube, Vimeo…)."),
    )
    recording_url = models.URLField(_("recording"), blank=True, max_length=500)
    slides = models.ForeignKey(
        get_document_model_string(),
        verbose_name=_("slides"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    organisers = ParentalManyToManyField(
        "pages.PartnerPage", verbose_name=_("organisers"), related_name="webinars", blank=True
    )
    case_studies = ParentalManyToManyField(
        InitiativePage,
        verbose_name=_("initiatives presented"),
        related_name="webinars",
        blank=True,
        help_text=_("The initiatives presented as case studies."),
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    override_translatable_fields = ScheduledPage.override_translatable_fields + [
        SynchronizedField("start", overridable=False),
        SynchronizedField("duration", overridable=False),
        SynchronizedField("organisers", overridable=False),
        SynchronizedField("case_studies", overridable=False),
        SynchronizedField("slides"),
    ]

    base_form_class = ScheduledPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("duration")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [FieldPanel("video_url"), FieldPanel("recording_url"), FieldPanel("slides")],
            heading=_("Video, recording and slides"),
        ),
        InlinePanel("speakers", label=_("Speakers")),
        FieldPanel("case_studies"),
        FieldPanel("organisers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("duration"),
        APIField("time_zone"),
        APIField("video_url"),
        APIField("recording_url"),
        APIField("slides"),
        APIField("speakers", serializer=SpeakersField()),
        APIField("case_studies", serializer=CaseStudiesField()),
        APIField("organisers", serializer=OrganisersField()),
        APIField("sdgs", serializer=SDGsField()),
        APIField("themes", serializer=ThemesField()),
        *image_api_fields(),
        APIField("body"),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["pages.WebinarIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("webinar")
        verbose_name_plural = _("webinars")

    def save(self, *args, **kwargs):
        if self.start is not None:
            self.end = self.start + timedelta(minutes=self.duration or 0)
        return super().save(*args, **kwargs)

    def full_clean(self, *args, **kwargs):
        # `end` is derived, not typed: fill it before validation asks for it.
        if self.start is not None:
            self.end = self.start + timedelta(minutes=self.duration or 0)
        return super().full_clean(*args, **kwargs)

    @property
    def is_recorded(self):
        return self.end < timezone.now()

    @path("calendar/", name="ics")
    def ics(self, request):
        return calendar_response([self], request, filename=f"{self.slug}.ics")

    def cache_tags(self):
        """Its organisers, case studies and speakers' cities (knowledge.base.cache_tags)."""
        return ["shows-partnerpage", "shows-initiativepage", "shows-citypage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sdgs"] = self.localized_sdgs(request)
        context["themes"] = self.localized_themes(request)
        context["organisers"] = localized_pages(self.organisers.all(), self.locale_id)
        context["case_studies"] = InitiativePage.prepare_cards(
            localized_pages(self.case_studies.all(), self.locale_id), request
        )
        speakers = list(self.speakers.select_related("photo", "city").order_by("sort_order", "pk"))
        cities = localized_pages([s.city for s in speakers if s.city], self.locale_id)
        by_key = {city.translation_key: city for city in cities}
        for speaker in speakers:
            speaker.local_city = by_key.get(speaker.city.translation_key) if speaker.city else None
        context["speakers"] = speakers
        return context


class WebinarSpeaker(TranslatableMixin, Orderable):
    """Translated: position, organisation. Synchronised: name, photo, city."""

    page = ParentalKey(WebinarPage, on_delete=models.CASCADE, related_name="speakers")
    name = models.CharField(_("name"), max_length=200)
    position = models.CharField(_("position"), max_length=200, blank=True)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    photo = models.ForeignKey(
        get_image_model_string(),
        verbose_name=_("photo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    city = models.ForeignKey(
        CityPage,
        verbose_name=_("city"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    translatable_fields = [
        SynchronizedField("name"),
        TranslatableField("position"),
        TranslatableField("organisation"),
        SynchronizedField("photo"),
        SynchronizedField("city"),
    ]

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("photo")]),
        FieldRowPanel([FieldPanel("position"), FieldPanel("organisation")]),
        FieldPanel("city"),
    ]

    class Meta(TranslatableMixin.Meta, Orderable.Meta):
        verbose_name = _("speaker")
        verbose_name_plural = _("speakers")


class WebinarIndexPage(RoutablePageMixin, Page):
    """Upcoming and recorded webinars. Translated: title, intro."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("translations", serializer=TranslationsField())]
    subpage_types = ["pages.WebinarPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("webinar index page")
        verbose_name_plural = _("webinar index pages")

    def webinars(self):
        return WebinarPage.objects.live().public().filter(locale_id=self.locale_id)

    @path("")
    def index(self, request):
        return refused_if_notice(self.render(request))

    @path("calendar/", name="calendar")
    def calendar(self, request):
        upcoming = self.webinars().filter(end__gte=timezone.now()).order_by("start")
        upcoming = upcoming.select_related("locale")  # each entry's address reads its locale
        return calendar_response(upcoming, request, filename="webinars.ics")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context.update(listings.webinar_listing(request, self))
        return context
