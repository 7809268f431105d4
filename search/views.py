from django.core.paginator import EmptyPage, PageNotAnInteger, Paginator
from django.template.response import TemplateResponse
from django.utils.translation import gettext as _

from wagtail.models import Locale, Page

MAX_QUERY_LENGTH = 200
RESULTS_PER_PAGE = 10
# Characters that the SQLite full-text backend passes unescaped into its MATCH syntax.
FTS_SYNTAX = str.maketrans({'"': " ", "\0": " "})


def clean_query(raw):
    """The words to search for: no FTS syntax characters, at most MAX_QUERY_LENGTH characters."""
    return " ".join(raw.translate(FTS_SYNTAX).split())[:MAX_QUERY_LENGTH]


def search(request):
    """Full-text search over the live, public pages of the visitor's language."""
    query = clean_query(request.GET.get("q", ""))
    results = Page.objects.none()
    if query:
        results = (
            Page.objects.live().public().filter(locale=Locale.get_active()).specific().search(query)
        )

    paginator = Paginator(results, RESULTS_PER_PAGE)
    try:
        page_of_results = paginator.page(request.GET.get("page", 1))
    except PageNotAnInteger:
        page_of_results = paginator.page(1)
    except EmptyPage:
        page_of_results = paginator.page(paginator.num_pages)

    return TemplateResponse(
        request,
        "search/search.html",
        {
            "search_query": query,
            "search_results": page_of_results,
            "meta_title": _("Search"),
        },
    )
