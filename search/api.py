"""/api/v2/search/?q=…&locale=…&type=…: the site search on the API router, in Wagtail's envelope
with the facets beside the items. The same search service (search.engine) and parameters
(search.params) as the search page; limit, offset, locale and errors as every endpoint."""

from django.urls import path

from wagtail.api.v2.utils import BadRequestError

from api.base import ListingAPIViewSet

from . import engine
from .goals import GOAL_TYPE, GoalResult
from .models import SearchDocument
from .params import PARAMETERS, FilterError, parse_filters
from .resources import RESOURCE_TYPE, ResourceResult


def result_type(result):
    if isinstance(result, GoalResult):
        return GOAL_TYPE
    if isinstance(result, ResourceResult):
        return RESOURCE_TYPE
    return type(result)._meta.label


def result_id(result):
    if isinstance(result, GoalResult):
        return result.number
    if isinstance(result, ResourceResult):
        return result.key
    return result.pk


class SearchAPIViewSet(ListingAPIViewSet):
    name = "search"
    # The router looks endpoints up by model; results are found through the search documents.
    model = SearchDocument
    known_query_parameters = frozenset(["q", "locale", "limit", "offset", *PARAMETERS])

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    def listing_view(self, request):
        self.check_query_parameters()
        locale = self.locale()
        try:
            selected = parse_filters(request.GET)
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        query = engine.clean_query(request.GET.get("q", ""))
        outcome = engine.search(locale, query, selected)
        window = engine.with_excerpts(self.paginate_queryset(outcome.results), query)
        items = [
            {
                "type": result_type(result),
                "id": result_id(result),
                "title": result.title,
                "url": result.get_full_url(request),
                "excerpt": str(result.excerpt),
            }
            for result in window
        ]
        response = self.get_paginated_response(items)
        response.data["facets"] = outcome.facets
        return response
