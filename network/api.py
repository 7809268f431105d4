"""/api/v2/peers/?city=<id>: a city's size band, its peer cities and the initiatives of peers
recommended for its weakest goals, each with its one-line reason, in the language of the city
page asked about (network.peers builds the same lists as the city page shows). An unknown,
private or malformed id answers 400 with the message every parameter gives ("city: …")."""

from django.urls import path

from wagtail.api.v2.utils import BadRequestError

from rest_framework.response import Response

from api.base import ListingAPIViewSet
from knowledge.base.serializers import serialize_country, serialize_goal
from knowledge.models import CityPage

from . import peers
from .parameters import FilterError, read_city


class PeersAPIViewSet(ListingAPIViewSet):
    name = "peers"
    model = CityPage
    known_query_parameters = frozenset(["city"])

    def listing_view(self, request):
        self.check_query_parameters()
        try:
            city = read_city(request.GET)
        except FilterError as error:
            raise BadRequestError(str(error)) from error
        return Response(serialize(peers.build(city, request), request))

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "listing_view"}), name="listing")]


def _band(band):
    return band.code if band else None


def serialize(network, request):
    """The CityNetwork as the endpoint answers it: absolute addresses, countries named and
    goals titled in the city's language."""
    city = network.city
    language = city.locale.language_code
    return {
        "city": {
            "id": city.pk,
            "title": city.title,
            "url": city.get_full_url(request),
            "band": _band(network.band),
            "region": city.region,
        },
        "basis": network.basis,
        "focus": [
            {"kind": item.kind, "code": item.code, "title": item.title} for item in network.focus
        ],
        "peers": [
            {
                "id": peer.city.pk,
                "title": peer.city.title,
                "url": peer.city.get_full_url(request),
                "band": _band(peer.band),
                "region": peer.city.region,
                "reason": peer.reason,
            }
            for peer in network.peers
        ],
        "recommendations": [
            {
                "id": item.initiative.pk,
                "title": item.initiative.title,
                "url": item.initiative.get_full_url(request),
                "city": {
                    "id": item.initiative.city.pk,
                    "title": item.initiative.city.title,
                    "country": serialize_country(item.initiative.city.country.code, language),
                    "region": item.initiative.city.region,
                },
                "sdgs": [serialize_goal(goal) for goal in item.initiative.card_sdgs],
                "reason": item.reason,
            }
            for item in network.recommendations
        ],
    }
