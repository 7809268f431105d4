"""Events: EventIndexPage → EventPage, with iCalendar export."""

import zoneinfo

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from django_countries.fields import CountryField
from rest_framework.fields import CharField

from knowledge.base.http import refused_if_notice
from knowledge.base.serializers import CountryField as CountryAPIField
from knowledge.base.serializers import SDGsField, ThemesField, TranslationsField, image_api_fields

from .. import listings
from ..blocks import BodyBlock
from ..calendar import calendar_response
from ..choices import EventFormat
from ..forms import ScheduledPageForm
from ..serializers import OrganisersField
from .mixins import TaggedPage, TimeZoneField, localized_pages


class ScheduledPage(TaggedPage):
    """A page that takes place at a time: start and end in UTC, shown in `time_zone`."""

    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = TimeZoneField(
        _("time zone"), help_text=_("Start and end are entered and shown in this time zone.")
    )

    class Meta:
        abstract = True

    @property
    def zone(self):
        try:
            return zoneinfo.ZoneInfo(self.time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            return zoneinfo.ZoneInfo("UTC")

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.zone)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.zone)

    @property
    def is_upcoming(self):
        """Not yet ended: ongoing ones count as upcoming."""
        return self.end >= timezone.now()


class EventPage(RoutablePageMixin, ScheduledPage):
    """An event (forum, workshop, conference).

    Translated: title, summary, venue, city, body. Synchronised: start, end, time zone, format
    (attendance), country, registration link, organisers, SDGs, themes, image.
    """

    # "format" would clash with the API's ?format= (the response format).
    attendance = models.CharField(
        _("format"), max_length=20, choices=EventFormat.choices, default=EventFormat.IN_PERSON
    )
    venue = models.CharField(_("venue"), max_length=255, blank=True)
    city = models.CharField(_("city"), max_length=255, blank=True)
    country = CountryField(_("country"), blank=True)
    registration_url = models.URLField(_("registration link"), blank=True, max_length=500)
    organisers = ParentalManyToManyField(
        "pages.PartnerPage", verbose_name=_("organisers"), related_name="events", blank=True
    )
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    override_translatable_fields = TaggedPage.override_translatable_fields + [
        SynchronizedField("start", overridable=False),
        SynchronizedField("end", overridable=False),
        SynchronizedField("organisers", overridable=False),
        SynchronizedField("country", overridable=False),
    ]

    base_form_class = ScheduledPageForm

    content_panels = Page.content_panels + [
        FieldPanel("summary"),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("start"), FieldPanel("end")]),
                FieldPanel("time_zone"),
            ],
            heading=_("When"),
        ),
        MultiFieldPanel(
            [
                FieldPanel("attendance"),
                FieldPanel("venue"),
                FieldRowPanel([FieldPanel("city"), FieldPanel("country")]),
                FieldPanel("registration_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("organisers", widget=forms.CheckboxSelectMultiple),
        FieldPanel("sdgs", widget=forms.CheckboxSelectMultiple),
        FieldPanel("themes", widget=forms.CheckboxSelectMultiple),
        FieldPanel("image"),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("summary", boost=2),
        index.SearchField("venue"),
        index.SearchField("city"),
        index.SearchField("body"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("attendance"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("time_zone"),
        APIField("attendance"),
        APIField("venue"),
        APIField("city_name", serializer=CharField(source="city", read_only=True)),
        # Deprecated: the same as city_name, until 30 June 2027 (README, "API changes").
        APIField("city"),
        APIField("country", serializer=CountryAPIField()),
        APIField("registration_url"),
        APIField("organisers", serializer=OrganisersField()),
        APIField("sdgs", serializer=SDGsField()),
        APIField("themes", serializer=ThemesField()),
        *image_api_fields(),
        APIField("body"),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["pages.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot be before the start.")})

    def cache_tags(self):
        """Its organisers' names (knowledge.base.cache_tags)."""
        return ["shows-partnerpage"]

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["sdgs"] = self.localized_sdgs(request)
        context["themes"] = self.localized_themes(request)
        context["organisers"] = localized_pages(self.organisers.all(), self.locale_id)
        return context

    # Wagtail routes take path segments only, hence calendar/ rather than event.ics; the file is
    # still offered for download as <slug>.ics.
    @path("calendar/", name="ics")
    def ics(self, request):
        return calendar_response([self], request, filename=f"{self.slug}.ics")


class EventIndexPage(RoutablePageMixin, Page):
    """Upcoming and past events, filterable, with an iCalendar feed. Translated: title, intro."""

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("translations", serializer=TranslationsField())]
    subpage_types = ["pages.EventPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("event index page")
        verbose_name_plural = _("event index pages")

    def events(self):
        return EventPage.objects.live().public().filter(locale_id=self.locale_id)

    @path("")
    def index(self, request):
        response = self.render(request, context_overrides=listings.event_listing(request, self))
        return refused_if_notice(response)

    @path("calendar/", name="calendar")
    def calendar(self, request):
        upcoming = self.events().filter(end__gte=timezone.now()).order_by("start")
        upcoming = upcoming.select_related("locale")  # each entry's address reads its locale
        return calendar_response(upcoming, request, filename="events.ics")
