"""The map of initiatives (offline world map, a marker per city, a table) and the bar charts."""

import re

from django.utils import translation
from django.utils.translation import gettext

import pytest
from django_countries import countries

from knowledge.maps import world as worldmap
from knowledge.models import CityPage, InitiativeIndexPage, InitiativePage
from tests.factories import InitiativePageFactory

from .conftest import soup

pytestmark = [pytest.mark.django_db]


def markers(response):
    return soup(response).select(".initiative-map__svg a.initiative-map__marker")


def index_url(code="en"):
    return InitiativeIndexPage.objects.get(locale__language_code=code).url


# The geometry, without a database.


def test_projection_puts_the_prime_meridian_in_the_middle_and_north_up():
    x, y = worldmap.project(0, 0)
    assert x == pytest.approx(worldmap.WIDTH / 2)
    seoul = worldmap.project(126.98, 37.57)
    cape_town = worldmap.project(18.42, -33.92)
    assert seoul[0] > x and seoul[1] < y  # east and north
    assert cape_town[1] > y  # south
    assert 0 <= worldmap.project(-180, 84)[0] < worldmap.project(180, 84)[0] <= worldmap.WIDTH


def test_every_country_of_the_shipped_atlas_is_drawn_once_projected():
    countries = worldmap.countries()
    assert len(countries) == 176  # 177 in countries-110m, Antarctica left out
    assert all(re.fullmatch(r"(M-?\d+ -?\d+l[-\d ]+z)+", c.path) for c in countries)
    names = {c.name for c in countries}
    assert {"Fiji", "Russia", "Brazil", "Italy"} <= names
    assert worldmap.land_path() is worldmap.land_path()  # decoded once per process


def test_a_ring_across_longitude_180_is_drawn_on_both_edges():
    ring = [(179.0, -16.0), (-179.5, -16.5), (179.2, -17.0), (179.0, -16.0)]
    copies = worldmap._across_antimeridian(ring)
    assert len(copies) == 2
    assert max(lon for lon, _lat in copies[0]) == pytest.approx(180.5)
    assert min(lon for lon, _lat in copies[1]) == pytest.approx(-181.0)


# Pages, on the demo content.


@pytest.mark.usefixtures("demo_content")
def test_the_database_maps_every_city_with_a_link_to_its_initiative(client):
    response = client.get(index_url())

    links = markers(response)
    cities = CityPage.objects.filter(locale__language_code="en", initiatives__live=True).distinct()
    assert len(links) == cities.count() == 12
    milan = next(a for a in links if a["aria-label"].startswith("Milan"))
    assert milan["aria-label"] == "Milan (Italy): 1 initiative"
    assert milan.select_one("title").get_text() == milan["aria-label"]
    assert (
        milan["href"]
        == InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en").url
    )
    # West to east: the keyboard meets Quito before Seoul.
    xs = [float(a.select_one("circle")["cx"]) for a in links]
    assert xs == sorted(xs)
    # The table says the same for those who do not use the map.
    rows = soup(response).select(".initiative-map__table tbody tr")
    assert len(rows) == 12
    assert "style=" not in str(soup(response).select_one(".initiative-map"))


@pytest.mark.usefixtures("demo_content")
def test_the_map_follows_the_listings_filters(client):
    response = client.get(index_url(), {"sdg": "13", "region": "africa"})

    labels = sorted(a["aria-label"] for a in markers(response))
    assert len(labels) == 2
    assert all("1 initiative" in label for label in labels)
    assert soup(response).select_one(".initiative-map figcaption").get_text() == (
        "Initiatives in 2 cities"
    )

    nothing = client.get(index_url(), {"q": "zzzzqqqq-nothing"})
    assert nothing.status_code == 200
    assert not soup(nothing).select(".initiative-map")

    bad = client.get(index_url(), {"sdg": "99"})
    assert bad.status_code == 400
    assert not soup(bad).select(".initiative-map")


@pytest.mark.usefixtures("demo_content")
def test_a_city_with_several_initiatives_opens_the_listing_narrowed_to_it(client):
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    InitiativePageFactory(parent=seoul, title="Seoul bike lanes", sdgs=[11])

    response = client.get(index_url(), {"sdg": "11"})

    marker = next(a for a in markers(response) if a["aria-label"].startswith("Seoul"))
    assert marker["aria-label"] == f"Seoul ({countries.name('KR')}): 2 initiatives"
    assert marker["href"] == f"{index_url()}?sdg=11&city={seoul.pk}"
    assert marker.select_one("text").get_text() == "2"
    followed = client.get(marker["href"])
    assert sorted(
        a.get_text(strip=True) for a in soup(followed).select(".card__title a")
    ) == sorted(
        InitiativePage.objects.filter(city=seoul, sdgs__number=11).values_list("title", flat=True)
    )


@pytest.mark.usefixtures("demo_content")
def test_arabic_keeps_the_geography_and_reverses_the_keyboard_order(client):
    english = [float(a.select_one("circle")["cx"]) for a in markers(client.get(index_url()))]
    arabic = [float(a.select_one("circle")["cx"]) for a in markers(client.get(index_url("ar")))]

    assert arabic == sorted(english, reverse=True)
    response = client.get(index_url("ar"))
    with translation.override("ar"):
        heading = gettext("Map of initiatives")
    assert soup(response).select_one(".initiative-map h2").get_text() == heading


@pytest.mark.usefixtures("demo_content")
def test_the_city_page_marks_its_own_city(client):
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="fr")

    response = client.get(seoul.url)

    current = soup(response).select(".initiative-map__marker.is-current")
    assert len(current) == 1
    assert current[0]["aria-current"] == "page"
    assert current[0]["aria-label"].startswith("Séoul")
    assert len(markers(response)) == 12


@pytest.mark.usefixtures("demo_content")
def test_the_goal_page_maps_and_charts_only_its_initiatives(client):
    response = client.get("/en/sdgs/13/")

    tagged = InitiativePage.objects.live().filter(locale__language_code="en", sdgs__number=13)
    labels = [a["aria-label"] for a in markers(response)]
    assert len(labels) == tagged.values("city").distinct().count()
    for a in markers(response):
        assert "sdg=13" in a["href"] or a["href"] in {page.url for page in tagged}
    chart = soup(response).select_one("figure.chart")
    figures = {
        row.th.get_text(strip=True): int(row.td.get_text())
        for row in chart.select(".chart__table tbody tr")
    }
    assert sum(figures.values()) == tagged.count()
    assert figures["Africa"] == tagged.filter(city__region="africa").count()


@pytest.mark.usefixtures("demo_content")
def test_the_home_page_charts_are_images_with_their_figures_in_a_table(
    client, django_assert_max_num_queries
):
    response = client.get("/en/")

    goals, regions = soup(response).select("figure.chart")
    svg = goals.select_one("svg")
    assert svg["role"] == "img"
    title_id, desc_id = svg["aria-labelledby"].split()
    assert svg.select_one(f"#{title_id}").get_text() == "Initiatives per goal"
    assert (
        svg.select_one(f"#{desc_id}")
        .get_text()
        .startswith("Initiatives working towards each goal; the most: 11. Sustainable cities")
    )
    rows = goals.select(".chart__table tbody tr")
    assert len(rows) == 17
    english = InitiativePage.objects.live().filter(locale__language_code="en")
    assert int(rows[10].td.get_text()) == english.filter(sdgs__number=11).count()
    assert rows[10].a["href"].endswith("/en/initiatives/?sdg=11")
    # The goal's own colour, with an outline (figures.css) for the light ones.
    bars = goals.select("rect.chart__bar")
    assert bars and all(re.fullmatch(r"#[0-9A-Fa-f]{6}", bar["fill"]) for bar in bars)
    region_rows = regions.select(".chart__table tbody tr")
    assert sum(int(row.td.get_text()) for row in region_rows) == english.count()

    # Counting stays a GROUP BY: the home page costs the same with more initiatives.
    # 37 (35 measured), three of them the menus, read on each request without Redis as here
    # (cms.navigation) whatever their links.
    with django_assert_max_num_queries(37):
        client.get("/en/")


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize("code", ["en", "ar"])
def test_bars_grow_away_from_the_labels_in_both_directions(client, code):
    response = client.get(f"/{code}/sdgs/")

    chart = soup(response).select_one("figure.chart svg")
    for row in chart.select("g.chart__row"):
        label_x = float(row.select_one(".chart__label")["x"])
        bar = row.select_one("rect")
        if bar is None:
            continue
        bar_x, width = float(bar["x"]), float(bar["width"])
        if code == "ar":
            assert bar_x + width < label_x  # bar on the left of its label
        else:
            assert label_x < bar_x
    with translation.override(code):
        assert chart.select_one("title").get_text() == gettext("Initiatives per goal")
