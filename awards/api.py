"""/api/v2/awards/: the published results of the award cycles, for partner sites, in Wagtail's
envelope.

Only finalists and winners of decided cycles whose results the secretariat has published, of
live, public initiatives. Filters (read through awards.parameters, so a bad value answers 400
with the message every listing gives): `initiative` and `city` (the id of the page in any
language), `year`; `locale` (names and ids in that language where translated); `limit` (at
most 100) and `offset`.
"""

from django.urls import path
from django.utils import translation

from wagtail.api.v2.utils import BadRequestError

from api.base import ListingAPIViewSet
from knowledge.base import cache_tags
from knowledge.models import InitiativePage

from . import results
from .models import Nomination
from .parameters import PARAMETERS, FilterError, parse_filters


class AwardsAPIViewSet(ListingAPIViewSet):
    name = "awards"
    model = Nomination
    # `fields` is taken, as on every listing, and changes nothing: items have a fixed shape.
    known_query_parameters = frozenset([*PARAMETERS, "locale", "limit", "offset", "fields"])

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    def listing_view(self, request):
        cache_tags.add("awards", cache_tags.list_tag(InitiativePage))
        self.check_query_parameters()
        locale = self.locale()
        try:
            filters = parse_filters(request.GET)
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        queryset = results.published()
        if filters["initiative"]:
            queryset = queryset.filter(initiative_key__in=filters["initiative"])
        if filters["city"]:
            queryset = queryset.filter(city_key__in=filters["city"])
        if filters["year"]:
            queryset = queryset.filter(cycle__year__in=filters["year"])
        window = self.paginate_queryset(results.ordered(queryset))
        with translation.override(locale.language_code):
            items = [item(result) for result in results.localize(window, locale)]
        return self.get_paginated_response(items)


def item(result):
    city = result.city
    return {
        "programme": {"code": result.programme.code, "name": result.programme.name},
        "year": result.year,
        "rank": result.rank,
        "rank_label": str(result.rank_label),
        "initiative": {"id": result.initiative.pk, "title": result.initiative.title},
        "city": {
            "id": city.pk,
            "title": city.title,
            "country": {"code": city.country.code, "name": str(city.country.name)},
            "region": city.region,
        }
        if city
        else None,
    }
