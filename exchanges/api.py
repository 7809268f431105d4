"""/api/v2/exchanges/: what came of exchanges between cities, for partner sites.

Only done exchanges with an outcome about a live, public initiative, and only their public
fields: the initiative, the two cities (or the city and the partner organisation), the city
where it was replicated, the year and the outcome (in the language it was written in). Never
messages, nor who took part. Filters (read through exchanges.parameters): `initiative` (ids of
initiative pages in any language), `city` (ids of city pages: either city of the exchange),
`locale` (titles in that language); `limit` and `offset`.
"""

from django.db.models import Q
from django.urls import path

from wagtail.api.v2.utils import BadRequestError

from api.base import ListingAPIViewSet
from knowledge.base import cache_tags
from knowledge.models import InitiativePage

from .models import Exchange, city_pages
from .parameters import PARAMETERS, FilterError, parse_filters
from .partners import partners_by_key


class ExchangesAPIViewSet(ListingAPIViewSet):
    name = "exchanges"
    model = Exchange
    known_query_parameters = frozenset([*PARAMETERS, "locale", "limit", "offset", "fields"])

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]

    def listing_view(self, request):
        cache_tags.add("exchanges", cache_tags.list_tag(InitiativePage))
        self.check_query_parameters()
        locale = self.locale()
        try:
            filters = parse_filters(request.GET)
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        public = InitiativePage.objects.live().public().values("translation_key")
        queryset = Exchange.objects.replications().filter(initiative_key__in=public)
        if filters["initiative"]:
            queryset = queryset.filter(initiative_key__in=filters["initiative"])
        if filters["city"]:
            queryset = queryset.filter(
                Q(requesting_city_key__in=filters["city"])
                | Q(receiving_city_key__in=filters["city"])
            )
        window = list(
            self.paginate_queryset(queryset.order_by("-outcome_year", "-closed_at", "pk"))
        )
        return self.get_paginated_response(items(window, locale))


def _city(city):
    if city is None:
        return None
    return {
        "id": city.pk,
        "title": city.title,
        "country": {"code": city.country.code, "name": str(city.country.name)},
        "region": city.region,
    }


def _partner(partner):
    return {"id": partner.pk, "title": partner.title} if partner else None


def items(exchanges, locale):
    """The public description of each exchange, titles in `locale` where translated."""
    keys = set()
    for exchange in exchanges:
        keys |= exchange.city_keys()
    cities = city_pages(keys, locale)
    partners = partners_by_key({exchange.partner_key for exchange in exchanges}, locale)
    initiatives = {}
    pages = (
        InitiativePage.objects.live()
        .public()
        .filter(translation_key__in={e.initiative_key for e in exchanges})
        .select_related("city")
        .order_by("pk")
    )
    for page in pages:
        if page.translation_key not in initiatives or page.locale_id == locale.pk:
            initiatives[page.translation_key] = page
    result = []
    for exchange in exchanges:
        initiative = initiatives.get(exchange.initiative_key)
        own_key = initiative.city.translation_key if initiative and initiative.city else None
        replicated_key = (
            exchange.other_city_key(own_key)
            if own_key in exchange.city_keys()
            else exchange.requesting_city_key
        )
        result.append(
            {
                "id": exchange.pk,
                "kind": exchange.kind,
                "initiative": {"id": initiative.pk, "title": initiative.title}
                if initiative
                else None,
                "requesting_city": _city(cities.get(exchange.requesting_city_key)),
                "receiving_city": _city(cities.get(exchange.receiving_city_key)),
                "partner": _partner(partners.get(exchange.partner_key)),
                "replicated_in": _city(cities.get(replicated_key)),
                "year": exchange.outcome_year,
                "outcome": exchange.outcome,
                "outcome_language": exchange.outcome_language,
                "closed_at": exchange.closed_at.isoformat() if exchange.closed_at else None,
            }
        )
    return result
