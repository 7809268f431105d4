"""The event and webinar indexes: upcoming ones apart from past ones, with filters. The indexes
give the pages (`index.events()`, `index.webinars()`): this module imports no model."""

from django.core.paginator import Paginator
from django.utils import timezone

from knowledge.models import taxonomy_for
from knowledge.query.parameters import FilterError

from .choices import EventFormat
from .filters import WEBINAR_PARAMETERS, ScheduleFilters

PAGE_SIZE = 12
HTML_PARAMETERS = ScheduleFilters.API_PARAMETERS


def _filtered(request, queryset, parameters):
    try:
        filters = ScheduleFilters.from_query(request.GET, names=parameters)
    except FilterError as error:
        return queryset.none(), ScheduleFilters(), str(error)
    return filters.apply(queryset), filters, None


def _options(request, queryset, filters, locale_id, with_attendance):
    """What the filter form offers: only values that some page of the language has."""
    taxonomy = taxonomy_for(request, locale_id)
    goals = sorted({n for n in queryset.values_list("sdgs__number", flat=True) if n is not None})
    themes = {c for c in queryset.values_list("themes__code", flat=True) if c is not None}
    years = sorted({start.year for start in queryset.values_list("start", flat=True)}, reverse=True)
    options = {
        "goals": [taxonomy.goals[n] for n in goals if n in taxonomy.goals],
        "themes": sorted(
            (taxonomy.themes[code] for code in themes if code in taxonomy.themes),
            key=lambda theme: theme.title.casefold(),
        ),
        "years": years,
        "selected": filters,
    }
    if with_attendance:
        options["attendance"] = EventFormat.choices
    return options


def _cards(request, queryset):
    # The index gives the queryset; its model (event or webinar) prepares the cards.
    return queryset.model.prepare_cards(queryset, request)


def _page_of(request, queryset):
    page = Paginator(queryset, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = queryset.model.prepare_cards(page.object_list, request)
    return page


def _query_without_page(request):
    query = request.GET.copy()
    query.pop("page", None)
    return query.urlencode()


def event_listing(request, index):
    everything = index.events()
    events, filters, notice = _filtered(request, everything, HTML_PARAMETERS)
    now = timezone.now()
    events = events.prefetch_related("sdgs")
    upcoming = _cards(request, events.filter(end__gte=now).order_by("start"))
    return {
        "upcoming": upcoming,
        "past": _page_of(request, events.filter(end__lt=now).order_by("-start")),
        "options": _options(request, everything, filters, index.locale_id, with_attendance=True),
        "notice": notice,
        "query_without_page": _query_without_page(request),
    }


def webinar_listing(request, index):
    everything = index.webinars()
    parameters = WEBINAR_PARAMETERS
    webinars, filters, notice = _filtered(request, everything, parameters)
    now = timezone.now()
    webinars = webinars.prefetch_related("sdgs")
    upcoming = _cards(request, webinars.filter(end__gte=now).order_by("start"))
    return {
        "upcoming": upcoming,
        "recorded": _page_of(request, webinars.filter(end__lt=now).order_by("-start")),
        "options": _options(request, everything, filters, index.locale_id, with_attendance=False),
        "notice": notice,
        "query_without_page": _query_without_page(request),
    }
