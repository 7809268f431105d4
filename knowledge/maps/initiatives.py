"""The map of initiatives: one marker per city over the offline world map, and the same figures
as a table for those who do not use the map.

Whatever page shows it passes the initiatives it lists (already narrowed by its filters), so the
map always agrees with the listing beside it. Counting is one GROUP BY query; the cities, the
pages that markers open and the listing are three more, whatever the number of initiatives.
"""

import math
from dataclasses import dataclass, field

from django.db.models import Count, Min
from django.http import QueryDict
from django.utils.translation import get_language_bidi, ngettext

from wagtail.models import Page

from django_countries import countries

from ..models import CityPage, InitiativeIndexPage
from . import world as worldmap


@dataclass
class Marker:
    city_id: int
    city: str
    country: str
    count: int
    url: str
    city_url: str
    label: str
    current: bool = False
    x: float = 0.0
    y: float = 0.0
    on_map: bool = False

    @property
    def radius(self):
        return round(min(5 + 2.5 * math.sqrt(self.count), 16), 1)


@dataclass
class InitiativeMap:
    markers: list
    rows: list  # every city, sorted by name: the table
    width: int = worldmap.WIDTH
    height: int = worldmap.HEIGHT
    caption: str = ""
    title_id: str = "initiative-map"
    land: str = field(default_factory=worldmap.land_path)
    outline: str = field(default_factory=worldmap.outline_path)


def listing_url(request, locale_id):
    """The initiatives database of this language, or None when it has none."""
    index = InitiativeIndexPage.objects.live().filter(locale_id=locale_id).first()
    return index.get_url(request) if index else None


def city_counts(initiatives):
    """{city id: (number of `initiatives` in it, the first one's id)}: one GROUP BY query over
    the whole listing, which a caller may keep (knowledge.initiatives.listing caches it with the
    facets)."""
    rows = (
        initiatives.order_by()
        .filter(city__isnull=False)
        .values("city_id")
        .annotate(count=Count("pk", distinct=True), first=Min("pk"))
    )
    return {row["city_id"]: (row["count"], row["first"]) for row in rows}


def build(
    request,
    initiatives,
    *,
    listing,
    query="",
    current_city=None,
    title_id="initiative-map",
    counts=None,
):
    """The map of `initiatives` (a queryset of InitiativePage), or of `counts` (city_counts() of
    them) when already counted.

    A marker opens the city's only initiative, or the listing at `listing` narrowed to the city,
    keeping the filters in `query` (a query string).
    """
    if counts is None:
        counts = city_counts(initiatives)
    if not counts:
        return None
    cities = CityPage.objects.filter(pk__in=counts).only(
        "id", "title", "url_path", "locale_id", "country", "latitude", "longitude"
    )
    singles = [first for count, first in counts.values() if count == 1]
    single_urls = {
        page.pk: page.get_url(request)
        for page in Page.objects.filter(pk__in=singles).only("id", "url_path", "locale_id")
    }

    markers = []
    for city in cities:
        count, first = counts[city.pk]
        country = str(countries.name(city.country.code)) if city.country else ""
        if count == 1 and single_urls.get(first):
            url = single_urls[first]
        else:
            url = f"{listing}?{_with_city(query, city.pk)}" if listing else city.get_url(request)
        label = ngettext(
            "%(city)s (%(country)s): %(count)s initiative",
            "%(city)s (%(country)s): %(count)s initiatives",
            count,
        ) % {"city": city.title, "country": country, "count": count}
        marker = Marker(
            city_id=city.pk,
            city=city.title,
            country=country,
            count=count,
            url=url,
            city_url=city.get_url(request),
            label=label,
            current=city.pk == current_city,
        )
        if city.latitude is not None and city.longitude is not None:
            marker.x, marker.y = (
                round(v, 1) for v in worldmap.project(city.longitude, city.latitude)
            )
            marker.on_map = True
        markers.append(marker)

    # Keyboard order follows the reading direction: west to east, or east to west in Arabic.
    on_map = sorted(
        (m for m in markers if m.on_map),
        key=lambda m: (m.x, m.y),
        reverse=get_language_bidi(),
    )
    caption = ngettext(
        "Initiatives in %(count)s city", "Initiatives in %(count)s cities", len(markers)
    ) % {"count": len(markers)}
    return InitiativeMap(
        markers=on_map,
        rows=sorted(markers, key=lambda m: m.city.casefold()),
        caption=caption,
        title_id=title_id,
    )


def _with_city(query, city_id):
    values = QueryDict(query, mutable=True)
    values.setlist("city", [str(city_id)])
    values.pop("page", None)
    return values.urlencode()
