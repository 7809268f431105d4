"""The SDG pages: /<lang>/sdgs/ and /<lang>/sdgs/11/, rendered from the SDG data."""

from django.db import models
from django.db.models import Q
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path, re_path
from wagtail.models import Page

from knowledge.base.serializers import TranslationsField
from knowledge.initiatives.filters import InitiativeFilters
from knowledge.maps import charts
from knowledge.maps import initiatives as initiative_map
from knowledge.models import InitiativePage, taxonomy_for
from library.models import LibraryIndexPage, LibraryItemPage

from .events import EventPage
from .webinars import WebinarPage

LIBRARY_ITEMS_SHOWN = 6


def initiative_counts(locale_id):
    """{goal number: number of live initiatives of that language tagged with it}."""
    return charts.goal_counts(visible_initiatives(locale_id))


def visible_initiatives(locale_id):
    return InitiativePage.objects.live().public().filter(locale_id=locale_id)


class SDGIndexPage(RoutablePageMixin, Page):
    """The 17 goals and one page per goal. The SDG data, not a page per goal, is canonical.

    Translated: title, intro.
    """

    intro = models.TextField(_("introduction"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    api_fields = [APIField("intro"), APIField("translations", serializer=TranslationsField())]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("SDG index page")
        verbose_name_plural = _("SDG index pages")

    @path("")
    def goals(self, request):
        taxonomy = taxonomy_for(request, self.locale_id)
        counts = initiative_counts(self.locale_id)
        goals = [(goal, counts.get(number, 0)) for number, goal in sorted(taxonomy.goals.items())]
        listing = initiative_map.listing_url(request, self.locale_id)
        return self.render(
            request,
            context_overrides={
                "goals": goals,
                "goal_chart": charts.per_goal(counts, taxonomy, listing),
                "region_chart": charts.per_region(visible_initiatives(self.locale_id), listing),
            },
        )

    @re_path(r"^(?P<number>[0-9]{1,2})/$", name="goal")
    def goal(self, request, number):
        taxonomy = taxonomy_for(request, self.locale_id)
        goal = taxonomy.goals.get(int(number))
        if goal is None:
            raise Http404
        targets = sorted(
            (t for t in taxonomy.targets.values() if t.goal_number == goal.number),
            key=lambda target: target.sort_order,
        )
        tagged = Q(sdgs__number=goal.number)
        initiatives = (
            InitiativePage.objects.live()
            .public()
            .filter(tagged, locale_id=self.locale_id)
            .distinct()
            .with_card_data()
            .order_by("title")
        )
        of_goal = InitiativeFilters(sdg=[goal.number]).apply(visible_initiatives(self.locale_id))
        listing = initiative_map.listing_url(request, self.locale_id)
        now = timezone.now()
        events = (
            EventPage.objects.live().public().filter(tagged, locale_id=self.locale_id).distinct()
        )
        webinars = (
            WebinarPage.objects.live().public().filter(tagged, locale_id=self.locale_id).distinct()
        )
        library_items = (
            LibraryItemPage.objects.live()
            .public()
            .filter(tagged, locale_id=self.locale_id)
            .distinct()
            .with_card_data()
            .order_by("-year", "title")
        )
        library = LibraryIndexPage.objects.live().public().filter(locale_id=self.locale_id).first()
        return self.render(
            request,
            template="pages/sdg_goal_page.html",
            context_overrides={
                "goal": goal,
                "targets": targets,
                "initiatives": InitiativePage.prepare_cards(initiatives, request),
                "initiative_map": initiative_map.build(
                    request, of_goal, listing=listing, query=f"sdg={goal.number}"
                ),
                "region_chart": charts.per_region(
                    of_goal, listing=listing, query=f"sdg={goal.number}"
                ),
                "upcoming_events": events.filter(end__gte=now).order_by("start")[:6],
                "past_events": events.filter(end__lt=now).order_by("-start")[:6],
                "webinars": webinars.order_by("-start")[:6],
                "library_items": LibraryItemPage.prepare_cards(
                    library_items[:LIBRARY_ITEMS_SHOWN], request
                ),
                "library_url": library.get_url(request) if library else None,
                "breadcrumb": f"{goal.number}. {goal.short_title}",
                "meta_title": f"{goal.number}. {goal.short_title}",
                "previous_goal": taxonomy.goals.get(goal.number - 1),
                "next_goal": taxonomy.goals.get(goal.number + 1),
            },
        )

    def get_goal_url(self, number, request=None):
        return self.get_url(request) + self.reverse_subpage("goal", kwargs={"number": number})

    def get_sitemap_urls(self, request=None):
        """The index and one address per goal."""
        urls = super().get_sitemap_urls(request)
        base = self.get_full_url(request)
        lastmod = self.last_published_at
        for number in range(1, 18):
            path = self.reverse_subpage("goal", kwargs={"number": number})
            urls.append({"location": base + path, "lastmod": lastmod})
        return urls
