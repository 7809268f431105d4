"""The library index: items of one language, filtered and paginated, with the filter options."""

from django.core.paginator import Paginator

from knowledge.models import taxonomy_for
from knowledge.query.parameters import FilterError

from .choices import ItemKind
from .fields import language_name
from .filters import LibraryFilters

PAGE_SIZE = 12


def _options(request, everything, filters, locale_id):
    """What the filter form offers: only values some item of the language has."""
    taxonomy = taxonomy_for(request, locale_id)
    goals = {n for n in everything.values_list("sdgs__number", flat=True) if n is not None}
    themes = {c for c in everything.values_list("themes__code", flat=True) if c is not None}
    years = {y for y in everything.values_list("year", flat=True) if y is not None}
    kinds = set(everything.values_list("kind", flat=True))
    languages = set()
    for codes in everything.values_list("languages", flat=True):
        languages.update(codes)
    return {
        "goals": [taxonomy.goals[n] for n in sorted(goals) if n in taxonomy.goals],
        "themes": sorted(
            (taxonomy.themes[code] for code in themes if code in taxonomy.themes),
            key=lambda theme: theme.title.casefold(),
        ),
        "kinds": [(value, label) for value, label in ItemKind.choices if value in kinds],
        "languages": sorted(
            ((code, language_name(code)) for code in languages), key=lambda pair: str(pair[1])
        ),
        "years": sorted(years, reverse=True),
        "selected": filters,
    }


def library_listing(request, index):
    """Context of the library index: `items` (a page of results), `options`, `notice`."""
    everything = index.items()
    try:
        filters = LibraryFilters.from_query(request.GET)
        items = filters.apply(everything)
        notice = None
    except FilterError as error:
        filters, items, notice = LibraryFilters(), everything.none(), str(error)
    items = items.with_card_data().order_by("-year", "title")
    page = Paginator(items, PAGE_SIZE).get_page(request.GET.get("page"))
    page.object_list = everything.model.prepare_cards(page.object_list, request)
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "items": page,
        "options": _options(request, everything, filters, index.locale_id),
        "notice": notice,
        "filtered": bool(filters),
        "query_without_page": query.urlencode(),
    }
