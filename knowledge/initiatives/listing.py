"""The initiatives database as an HTML page: filters with counts, keyword, sort, pagination."""

from dataclasses import dataclass

from django.core.paginator import Paginator
from django.utils.translation import gettext as _

from django_countries import countries

from ..base import cache_tags
from ..base.regions import Region
from ..maps import initiatives as initiative_map
from ..models import CityPage, InitiativePage, InitiativeStatus
from ..models.localized import taxonomy_for
from ..query.keywords import search_pages
from ..query.parameters import MAX_QUERY_LENGTH, FilterError, clean_keywords
from .filters import InitiativeFilters

PAGE_SIZE = 12
SORTS = {
    "newest": ("-first_published_at", "-pk"),
    "title": ("title", "pk"),
}


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool


@dataclass
class Facet:
    name: str
    label: str
    options: list

    @property
    def selected_count(self):
        return sum(1 for option in self.options if option.selected)


def visible_initiatives(locale):
    """The initiatives a visitor may see in `locale`: live and not behind a view restriction."""
    return InitiativePage.objects.live().public().filter(locale=locale)


def keyword_matches(queryset, query):
    """Primary keys of the initiatives in `queryset` that match the keyword `query`."""
    if not clean_keywords(query):
        return None
    return [page.pk for page in search_pages(queryset, query, order_by_relevance=False)]


def sort_of(query):
    """The sort the listing's `sort` parameter asks for (newest first when absent or unknown)."""
    sort = query.get("sort", "newest")
    return sort if sort in SORTS else "newest"


def select(query, locale):
    """(filters, base, selected) for the listing parameters in `query` (a QueryDict): the
    filters read through knowledge.query.parameters, the visible initiatives of `locale` that match
    the keywords `q`, and those of them that pass the filters. Raises FilterError on a bad value.

    The one selection of the initiatives database: the HTML listing, its CSV and XLSX exports,
    the initiatives feed and saved searches all call it, so they list the same initiatives.
    """
    filters = InitiativeFilters.from_query(query)
    base = visible_initiatives(locale)
    keywords = query.get("q", "").strip()[:MAX_QUERY_LENGTH]
    if keywords:
        matches = keyword_matches(base, keywords)
        if matches is not None:
            base = base.filter(pk__in=matches)
    return filters, base, filters.apply(base)


def browse(request, locale):
    """Everything the initiatives index shows for this request."""
    query = request.GET.get("q", "").strip()[:MAX_QUERY_LENGTH]
    sort = sort_of(request.GET)

    notice = None
    try:
        filters, base, filtered = select(request.GET, locale)
    except FilterError as error:
        notice = str(error)
        filters = InitiativeFilters()
        base = filtered = visible_initiatives(locale).none()

    results = filtered.with_card_data().order_by(*SORTS[sort])
    paginator = Paginator(results, PAGE_SIZE)
    taxonomy = taxonomy_for(request, locale.pk)
    if notice is not None:
        corpus = {"facets": {}, "total": 0, "cities": {}}
    elif query:
        corpus = _corpus_figures(filters, base, filtered)
    else:
        # Counted over every initiative of the language, and the same for every visitor (only
        # visible initiatives count): kept between requests. Any initiative published,
        # unpublished, moved or restricted purges list-initiativepage, a goal or theme purges
        # all.
        corpus = cache_tags.fragment(
            f"initiative-listing|{locale.pk}|{filters.cache_key()}",
            {"list-initiativepage", "all"},
            lambda: _corpus_figures(filters, base, filtered),
        )
    paginator.count = corpus["total"]  # counted with the facets, not once more
    page_of_results = paginator.get_page(request.GET.get("page"))
    page_of_results.object_list = InitiativePage.prepare_cards(page_of_results.object_list, request)
    return {
        "initiatives": page_of_results,
        "result_count": paginator.count,
        "facets": build_facets(corpus["facets"], filters, taxonomy),
        "filters": filters,
        "search_query": query,
        "sort": sort,
        "sorts": [("newest", _("Newest first")), ("title", _("Title"))],
        "notice": notice,
        "query_without_page": _query_without(request.GET, "page"),
        # The same selection without paging or sort: for the feeds, exports and saved searches.
        "selection_query": _query_without(request.GET, "page", "sort"),
        "taxonomy": taxonomy,
        "initiative_map": initiative_map.build(
            request,
            filtered,
            listing=request.path,
            query=_query_without(request.GET, "page"),
            counts=corpus["cities"],
        )
        if notice is None
        else None,
    }


def _corpus_figures(filters, base, filtered):
    """What the listing counts over all its initiatives: each filter value's count, the number
    of results and the initiatives of each city (the map)."""
    return {
        "facets": filters.facet_counts(base),
        "total": filtered.count(),
        "cities": initiative_map.city_counts(filtered),
    }


def build_facets(counts, filters, taxonomy):
    """The filter lists shown beside the results, each option with its count."""
    city_titles, selected_cities = {}, set()
    if counts.get("city"):
        rows = CityPage.objects.filter(pk__in=counts["city"]).values_list(
            "pk", "title", "translation_key"
        )
        for pk, title, key in rows:
            city_titles[pk] = title
            if key in filters.city:
                selected_cities.add(pk)

    def options(name, labels, selected):
        rows = [
            FacetOption(str(value), labels(value), count, value in selected)
            for value, count in counts.get(name, {}).items()
        ]
        return sorted(rows, key=lambda option: option.label.casefold())

    sdg_options = sorted(
        (
            FacetOption(
                str(number),
                f"{number}. {taxonomy.goals[number].short_title}"
                if number in taxonomy.goals
                else str(number),
                count,
                number in filters.sdg,
            )
            for number, count in counts.get("sdg", {}).items()
        ),
        key=lambda option: int(option.value),
    )
    year_options = sorted(
        options("year", str, set(filters.year)), key=lambda option: option.value, reverse=True
    )
    return [
        Facet("sdg", _("Sustainable Development Goals"), sdg_options),
        Facet(
            "theme",
            _("Themes"),
            options(
                "theme",
                lambda code: taxonomy.themes[code].title if code in taxonomy.themes else code,
                set(filters.theme),
            ),
        ),
        Facet("region", _("Regions"), options("region", _region_label, set(filters.region))),
        Facet(
            "country",
            _("Countries"),
            options("country", lambda code: countries.name(code), set(filters.country)),
        ),
        Facet(
            "city",
            _("Cities"),
            options("city", lambda pk: city_titles.get(pk, str(pk)), selected_cities),
        ),
        Facet("year", _("Start year"), year_options),
        Facet("status", _("Status"), options("status", _status_label, set(filters.status))),
    ]


def _region_label(code):
    return str(Region(code).label) if code in Region.values else code


def _status_label(code):
    return str(InitiativeStatus(code).label) if code in InitiativeStatus.values else code


def _query_without(query, *names):
    copy = query.copy()
    for name in names:
        copy.pop(name, None)
    return copy.urlencode()
