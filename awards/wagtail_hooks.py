"""The awards in the admin (the "Awards" menu) and on the pages of lower apps: published
results on the initiative and city pages, the city's nominations in My City."""

from django.template.loader import render_to_string
from django.utils import timezone

from wagtail import hooks
from wagtail.models import Locale
from wagtail.snippets.models import register_snippet

from knowledge.base import cache_tags

from . import results
from .models import AwardCycle, Nomination
from .viewsets import AwardsViewSetGroup

register_snippet(AwardsViewSetGroup)


def _section(request, page, found, show_initiative):
    cache_tags.add("awards")
    if not found:
        return None
    return render_to_string(
        "awards/includes/page_results.html",
        {"page": page, "results": found, "show_initiative": show_initiative},
        request=request,
    )


@hooks.register("initiative_page_sections")
def awards_on_initiative_page(request, page):
    """ "Winner, SDG City Award 2026": the initiative's published results."""
    found = results.localize(
        results.ordered(results.published().filter(initiative_key=page.translation_key)),
        page.locale,
    )
    return _section(request, page, found, show_initiative=False)


@hooks.register("city_page_sections")
def awards_on_city_page(request, page):
    """The published results of the city's initiatives."""
    found = results.localize(
        results.ordered(results.published().filter(city_key=page.translation_key)),
        page.locale,
    )
    return _section(request, page, found, show_initiative=True)


@hooks.register("my_city_dashboard_sections")
def awards_in_my_city(request, membership):
    """The city's nominations (their results once published) and the cycles open now."""
    locale = Locale.get_active()
    nominations = list(
        Nomination.objects.filter(city_key=membership.city_key)
        .select_related("cycle__programme", "initiative")
        .order_by("-cycle__year", "created_at")[:10]
    )
    today = timezone.localdate()
    open_cycles = list(
        AwardCycle.objects.filter(
            status=AwardCycle.Status.OPEN, opens_on__lte=today, closes_on__gte=today
        ).select_related("programme")
    )
    localized = {}
    for cycle in [n.cycle for n in nominations] + open_cycles:
        if cycle.programme_id not in localized:
            localized[cycle.programme_id] = cycle.programme.localized_in(locale)
        cycle.programme = localized[cycle.programme_id]
    return render_to_string(
        "awards/includes/my_city_section.html",
        {"nominations": nominations, "open_cycles": open_cycles},
        request=request,
    )
