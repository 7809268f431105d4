"""Library items in the API's pages endpoint: type=library.LibraryItemPage takes sdg, theme,
kind, language and year (see library.filters)."""

from api.registry import register_page_filter, register_page_loader

from .filters import LibraryFilters
from .models import LibraryItemPage


def filter_items(queryset, query):
    used = [name for name in LibraryFilters.API_PARAMETERS if name in query]
    return LibraryFilters.from_query(query, names=used).apply(queryset)


register_page_filter(LibraryItemPage, LibraryFilters.API_PARAMETERS, filter_items)
register_page_loader(
    LibraryItemPage,
    lambda queryset: queryset.select_related("document").prefetch_related("sdgs", "themes"),
)
