"""The search page and the search box's suggestions (the search API: search.api)."""

from django.core.paginator import Paginator
from django.http import JsonResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Locale

from . import engine
from .facets import FACETS
from .goals import GoalResult
from .params import FilterError, parse_filters
from .resources import ResourceResult

RESULTS_PER_PAGE = 10
SUGGESTIONS = 8


def search(request):
    """Full-text search over the live, public pages of the visitor's language, with facets."""
    query = engine.clean_query(request.GET.get("q", ""))
    locale = Locale.get_active()
    try:
        selected, notice = parse_filters(request.GET), None
    except FilterError as error:
        # As every listing: the message, no results, 400; what the visitor typed stays.
        selected, notice = {}, str(error)
    outcome = engine.search(locale, "" if notice else query, selected)
    page_of_results = Paginator(outcome.results, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    results = engine.with_excerpts(list(page_of_results), query)
    suggestion = None
    if query and not outcome.total_matches:
        suggestion = engine.suggestions(locale, query)
    labels = facet_labels()
    for result in results:
        if not isinstance(result, GoalResult | ResourceResult):
            result.type_label = str(type(result)._meta.verbose_name).capitalize()
    facets = [
        {
            "name": name,
            "label": labels[name],
            "values": [
                {**value, "selected": value["value"] in selected.get(name, set())}
                for value in outcome.facets.get(name, [])
            ],
        }
        for name in FACETS
    ]
    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": page_of_results,
            "results": results,
            "facets": facets,
            "selected": {name: values for name, values in selected.items() if values},
            "total_matches": outcome.total_matches,
            "suggestion": suggestion,
            "page_query": page_query(request),
            "meta_title": _("Search"),
            "notice": notice,
        },
        status=400 if notice else 200,
    )


def facet_labels():
    return {
        "type": _("Content type"),
        "sdg": _("Sustainable Development Goal"),
        "theme": _("Theme"),
        "region": _("Region"),
        "country": _("Country"),
        "year": _("Year"),
    }


def page_query(request):
    """The query string without the page number, for pagination links."""
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def suggest(request):
    """Titles completing what the visitor types in the search box."""
    query = engine.clean_query(request.GET.get("q", ""))[:100]
    items = []
    if len(query) >= 2:
        queryset = engine.base_queryset(Locale.get_active())
        for page in queryset.autocomplete(query)[:SUGGESTIONS]:
            items.append({"title": page.title, "url": page.get_url(request)})
    return JsonResponse({"items": items}, json_dumps_params={"ensure_ascii": False})
