"""Initiatives and cities in the pages endpoint of the API v2: their filters (the initiatives
database's, so the HTML listing and the API answer alike) and what their API fields load in bulk.

Shapes (DESIGN.md, "Public contract"):
    "sdgs": [{"number": 11, "short_title": "…", "title": "…", "color": "#FD9D24"}]
    "themes": [{"code": "transport", "title": "…"}]
    "city": {"id": 12, "title": "…", "country": {"code": "KR", "name": "…"}, "region": "…"}
    "translations": {"fr": 45, "ar": 51}
"""

from api.registry import register_page_filter, register_page_loader

from ..models import CityPage, InitiativePage, replication_counts
from ..models.localized import load_relations
from .filters import InitiativeFilters


def filter_initiatives(queryset, query):
    used = sorted(set(InitiativeFilters.API_PARAMETERS) & set(query))
    return InitiativeFilters.from_query(query, names=used).apply(queryset)


def filter_cities(queryset, query):
    filters = InitiativeFilters.from_query(query, names=["country", "region"])
    if filters.country:
        queryset = queryset.filter(country__in=filters.country)
    if filters.region:
        queryset = queryset.filter(region__in=filters.region)
    return queryset


register_page_filter(InitiativePage, InitiativeFilters.API_PARAMETERS, filter_initiatives)
register_page_filter(CityPage, ["country", "region"], filter_cities)


def prepare_initiatives(pages, request):
    """Their goals, themes and targets, kept on each page for its fields, and their
    replication counts for the serializer's context."""
    load_relations(pages)
    return {"replication": replication_counts([page.translation_key for page in pages])}


register_page_loader(
    InitiativePage, lambda queryset: queryset.select_related("city"), prepare_initiatives
)
register_page_loader(
    CityPage,
    lambda queryset: queryset.prefetch_related("focal_points", "social_accounts"),
)
