"""The home page of each language."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from knowledge.base.serializers import TranslationsField
from knowledge.maps import charts
from knowledge.maps import initiatives as initiative_map
from knowledge.models import InitiativePage, taxonomy_for

from .. import routing
from ..blocks import BodyBlock
from .events import EventPage
from .mixins import localized_pages
from .partners import PartnerPage
from .sdgs import SDGIndexPage, initiative_counts, visible_initiatives
from .webinars import WebinarPage


class HomePage(Page):
    """The root of each language's tree: one per language, translations of the English one.

    Translated: title, intro, body. Synchronised: the featured initiatives (shown in the home
    page's language where they are translated).
    """

    intro = models.TextField(_("introduction"), blank=True)
    body = StreamField(BodyBlock(), verbose_name=_("body"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("featured_initiatives", label=_("Featured initiatives"), max_num=6),
        FieldPanel("body"),
    ]

    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("intro"),
        APIField("body"),
        APIField("translations", serializer=TranslationsField()),
    ]

    parent_page_types = ["wagtailcore.Page"]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")

    # Every address of a language is below its home page: found in two queries.
    routes_by_path = True

    def route(self, request, path_components):
        return routing.route(self, request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        locale_id = self.locale_id
        featured = [item.initiative for item in self.featured_initiatives.all() if item.initiative]
        featured = [page for page in localized_pages(featured, locale_id) if page.live]
        if featured:
            order = {page.pk: position for position, page in enumerate(featured)}
            cards = InitiativePage.objects.filter(pk__in=order).live().public().with_card_data()
            featured = InitiativePage.prepare_cards(
                sorted(cards, key=lambda page: order[page.pk]), request
            )
        now = timezone.now()
        taxonomy = taxonomy_for(request, locale_id)
        counts = initiative_counts(locale_id)
        sdg_index = SDGIndexPage.objects.live().filter(locale_id=locale_id).first()
        listing = initiative_map.listing_url(request, locale_id)
        context.update(
            {
                "featured_initiatives": featured,
                "upcoming_events": EventPage.objects.live()
                .public()
                .filter(locale_id=locale_id, end__gte=now)
                .order_by("start")[:3],
                "latest_webinars": WebinarPage.objects.live()
                .public()
                .filter(locale_id=locale_id)
                .order_by("-start")[:3],
                "goals": [
                    (goal, counts.get(number, 0)) for number, goal in sorted(taxonomy.goals.items())
                ],
                "sdg_index": sdg_index,
                "goal_chart": charts.per_goal(counts, taxonomy, listing),
                "region_chart": charts.per_region(visible_initiatives(locale_id), listing),
                "partners": PartnerPage.objects.live()
                .public()
                .filter(locale_id=locale_id)
                .select_related("logo")
                .order_by("title"),
            }
        )
        return context


class HomeFeaturedInitiative(Orderable):
    """An initiative shown on the home page. Synchronised to translations of the home page."""

    page = ParentalKey(HomePage, on_delete=models.CASCADE, related_name="featured_initiatives")
    initiative = models.ForeignKey(
        InitiativePage,
        verbose_name=_("initiative"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [FieldPanel("initiative")]

    class Meta(Orderable.Meta):
        verbose_name = _("featured initiative")
        verbose_name_plural = _("featured initiatives")
