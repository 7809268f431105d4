"""What the network adds to city pages: the size band among the key facts, and a section of
peer cities and of initiatives recommended from them (knowledge's `city_page_facts` and
`city_page_sections` hooks)."""

from django.template.loader import render_to_string

from wagtail import hooks

from . import peers
from .bands import band_of


@hooks.register("city_page_facts")
def size_band_fact(request, city):
    band = band_of(city.population)
    if band is None:
        return None
    return render_to_string("network/band_fact.html", {"band": band}, request=request)


@hooks.register("city_page_sections")
def cities_like_this_one(request, city):
    network = peers.build(city, request)
    if network.band is None:
        return None
    return render_to_string("network/city_section.html", {"network": network}, request=request)
