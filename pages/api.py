"""Filters and bulk loading of the editorial page types in the API's pages endpoint.

type=pages.EventPage and type=pages.WebinarPage take upcoming=true|false, start_after,
start_before (see pages.filters), sdg, theme and year; events also take attendance.
"""

from api.registry import register_page_filter, register_page_loader

from .filters import WEBINAR_PARAMETERS, ScheduleFilters
from .models import EventPage, WebinarPage
from .serializers import prepare_related_pages


def _schedule_filter(parameters):
    def apply(queryset, query):
        used = [name for name in parameters if name in query]
        return ScheduleFilters.from_query(query, names=used).apply(queryset)

    return apply


register_page_filter(
    EventPage, ScheduleFilters.API_PARAMETERS, _schedule_filter(ScheduleFilters.API_PARAMETERS)
)
register_page_filter(WebinarPage, WEBINAR_PARAMETERS, _schedule_filter(WEBINAR_PARAMETERS))

register_page_loader(
    EventPage,
    lambda queryset: queryset.prefetch_related("sdgs", "themes", "organisers"),
    prepare_related_pages("organisers"),
)
register_page_loader(
    WebinarPage,
    lambda queryset: queryset.prefetch_related(
        "sdgs", "themes", "organisers", "case_studies", "speakers"
    ),
    prepare_related_pages("organisers", "case_studies"),
)
