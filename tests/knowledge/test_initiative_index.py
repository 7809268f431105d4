"""The initiatives database at /<lang>/initiatives/: filters with counts, keyword, sort, pages."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images import get_image_model

import pytest

from knowledge.models import InitiativeIndexPage, InitiativePage
from tests.factories import CityPageFactory, InitiativePageFactory

from .conftest import make_private, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

# 34 (32 measured): the map of the results (counts per city, the cities, the pages markers open)
# and the cards' pictures (images and renditions) since the demo has them; three for the main
# menu and the footer, read on each request without Redis as here (cms.navigation).
HTML_QUERY_BOUND = 34


def titles(response):
    return [a.get_text(strip=True) for a in soup(response).select(".card__title a")]


def count(response):
    return int(soup(response).select_one(".results-count").get_text(strip=True).split()[0])


def facet(response, name):
    """{option label: count} of one facet."""
    page = soup(response)
    for details in page.select("details.facet"):
        links = details.select("a.facet__option")
        if links and f"{name}=" in links[0]["href"]:
            return {
                a.select_one(".facet__label").get_text(strip=True): int(
                    a.select_one(".facet__count").get_text(strip=True)
                )
                for a in links
            }
    return {}


@pytest.fixture
def index_url(db):
    def url(code="en"):
        return InitiativeIndexPage.objects.get(locale__language_code=code).url

    return url


def test_lists_every_live_initiative_of_the_language(client, index_url):
    response = client.get(index_url("fr"))

    assert response.status_code == 200
    assert (
        count(response) == InitiativePage.objects.live().filter(locale__language_code="fr").count()
    )
    assert "Politique alimentaire de Milan" in titles(response)
    assert "Milan Food Policy" not in titles(response)


def test_filters_combine_with_and_and_values_with_or(client, index_url):
    africa_climate = client.get(index_url(), {"sdg": "13", "region": "africa"})
    assert sorted(titles(africa_climate)) == [
        "Regional mangrove restoration programme",
        "Western Cape Industrial Symbiosis Programme",
    ]

    water_or_energy = client.get(index_url(), {"sdg": "6,7"})
    assert sorted(titles(water_or_energy)) == [
        "Eco-efficiency Ordinance",
        "Integrated public space and water infrastructure",
    ]
    repeated = client.get(index_url() + "?sdg=6&sdg=7")
    assert sorted(titles(repeated)) == sorted(titles(water_or_energy))


@pytest.mark.parametrize(
    "params, expected",
    [
        (
            {"theme": "food"},
            {"Milan Food Policy", "Sustainable food production for a resilient Rosario"},
        ),
        (
            {"country": "IN"},
            {
                "Urban Wage Employment Initiative",
                "Women's action towards climate resilience for the urban poor",
            },
        ),
        ({"status": "ongoing", "year": "2016"}, {"Eco-efficiency Ordinance"}),
        (
            {"target": "13.1"},
            {
                "Regional mangrove restoration programme",
                "Women's action towards climate resilience for the urban poor",
                "Sustainable food production for a resilient Rosario",
            },
        ),
    ],
)
def test_each_filter_narrows_the_results(client, index_url, params, expected):
    assert set(titles(client.get(index_url(), params))) == expected


def test_city_filter_takes_the_city_page_of_any_language(client, index_url):
    from knowledge.models import CityPage

    french_quito = CityPage.objects.get(slug="quito", locale__language_code="fr")

    response = client.get(index_url("en"), {"city": french_quito.pk})

    assert titles(response) == ["Eco-efficiency Ordinance"]


def test_facet_counts_equal_the_results_they_lead_to(client, index_url):
    response = client.get(index_url(), {"region": "asia-pacific"})
    themes = facet(response, "theme")
    assert themes, "the theme facet lists options"

    page = soup(response)
    for link in page.select("a.facet__option"):
        if "theme=" not in link["href"]:
            continue
        expected = int(link.select_one(".facet__count").get_text())
        assert count(client.get(index_url() + link["href"])) == expected


def test_selected_filter_is_marked_and_keeps_other_filters(client, index_url):
    page = soup(client.get(index_url(), {"sdg": "5", "theme": "gender"}))

    selected = [
        a.select_one(".facet__label").get_text(strip=True) for a in page.select("a.is-selected")
    ]
    assert selected == ["5. Gender equality", "Gender equality"]
    # The keyword form carries the filters, so a search keeps them.
    hidden = {(i["name"], i["value"]) for i in page.select(".browse-form input[type=hidden]")}
    assert hidden == {("sdg", "5"), ("theme", "gender")}


@pytest.mark.parametrize(
    "params, message",
    [
        ({"sdg": "99"}, "“99” is not a goal number from 1 to 17."),
        ({"sdg": "abc"}, "“abc” is not a goal number from 1 to 17."),
        ({"theme": "no-such-theme"}, "There is no theme “no-such-theme”."),
        ({"target": "11.z"}, "There is no target 11.z."),
        ({"target": "x1"}, "“x1” is not a target code such as 11.1 or 11.a."),
        ({"country": "XX"}, "“XX” is not an ISO 3166 alpha-2 country code."),
        ({"region": "mars"}, "There is no region “mars”."),
        ({"city": "999999"}, "There is no city with the id 999999."),
        ({"year": "yesterday"}, "“yesterday” is not a year between 1950 and 2100."),
        ({"status": "paused"}, "There is no status “paused”."),
    ],
)
def test_bad_filters_give_an_empty_result_with_a_notice(client, index_url, params, message):
    response = client.get(index_url(), params)

    # As the API: 400, with the message shown as a notice.
    assert response.status_code == 400
    notice = soup(response).select_one(".notice").get_text()
    assert notice.startswith(f"{next(iter(params))}: {message}")
    assert count(response) == 0


def test_notice_is_translated(client, index_url):
    response = client.get(index_url("es"), {"sdg": "99"})

    notice = soup(response).select_one(".notice").get_text()
    assert notice == "sdg: «99» no es un número de Objetivo del 1 al 17."


def test_keyword_search_in_the_visitors_language(client, index_url):
    assert titles(client.get(index_url(), {"q": "mangroves"})) == [
        "Regional mangrove restoration programme"
    ]
    french = titles(client.get(index_url("fr"), {"q": "mangroves"}))
    assert len(french) == 1
    assert "mangrove" in french[0].lower()


@pytest.mark.parametrize("q", ['"', "*", "AND", "🏙️", "' OR 1=1 --", "x" * 10_000])
def test_odd_keywords_never_fail(client, index_url, q):
    assert client.get(index_url(), {"q": q}).status_code == 200


def test_sort_by_title(client, index_url):
    result = titles(client.get(index_url(), {"sort": "title"}))
    assert result == sorted(result, key=str.casefold)


def test_pagination_keeps_the_filters(client, index_url, seoul):
    for number in range(13):
        InitiativePageFactory(parent=seoul, title=f"Paged {number:02d}", sdgs=[17])

    first = client.get(index_url(), {"sdg": "17", "sort": "title"})
    assert count(first) == 14
    next_link = soup(first).select_one(".pagination a[rel=next]")["href"]
    assert "sdg=17" in next_link and "page=2" in next_link

    second = client.get(index_url() + next_link)
    assert len(titles(second)) == 2
    assert client.get(index_url(), {"sdg": "17", "page": "abc"}).status_code == 200
    assert client.get(index_url(), {"sdg": "17", "page": "99"}).status_code == 200


def test_unpublished_and_private_initiatives_appear_nowhere(client, index_url, seoul):
    InitiativePageFactory(parent=seoul, title="Draft initiative", sdgs=[16], live=False)
    private_city = CityPageFactory(
        parent=seoul.get_parent(), title="Private city", country="FR", region="europe"
    )
    InitiativePageFactory(parent=private_city, title="Private initiative", sdgs=[16])
    make_private(private_city)

    response = client.get(index_url(), {"sdg": "16"})

    assert "Draft initiative" not in titles(response)
    assert "Private initiative" not in titles(response)
    assert facet(response, "country").get("France") is None
    assert titles(client.get(index_url(), {"q": "Private initiative"})) == []


def _queries_for(client, url, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(url, params)
    assert response.status_code == 200
    return len(context.captured_queries)


@pytest.mark.parametrize("params", [{}, {"sdg": "11", "theme": "transport"}, {"q": "bulk"}])
def test_queries_do_not_grow_with_the_number_of_initiatives(client, index_url, params):
    city = CityPageFactory(
        parent=InitiativePage.objects.first().get_parent().get_parent(), title="Bulk city"
    )

    picture = get_image_model().objects.first()  # every card has one, as in the demo

    def add(number):
        start = city.get_children().count()
        for n in range(start, start + number):
            InitiativePageFactory(
                parent=city,
                title=f"Bulk {n}",
                summary="bulk",
                sdgs=[11, 13],
                themes=["transport"],
                image=picture,
            )

    add(5)
    _queries_for(client, index_url(), params)  # the first request fills the caches
    with_5 = _queries_for(client, index_url(), params)
    add(45)
    _queries_for(client, index_url(), params)  # publishing emptied the menu cache
    with_50 = _queries_for(client, index_url(), params)

    assert with_5 == with_50
    assert with_50 <= HTML_QUERY_BOUND
