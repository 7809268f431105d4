"""The knowledge base in the API: fields and shapes, filters, validation, bounded queries."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from wagtail.images.models import Image
from wagtail.images.tests.utils import get_test_image_file

import pytest

from knowledge.models import CityPage, InitiativePage
from tests.factories import CityPageFactory, InitiativePageFactory

from .conftest import make_private

pytestmark = pytest.mark.django_db

PAGES = "/api/v2/pages/"
INITIATIVES = {"type": "knowledge.InitiativePage"}
# A fixed number of queries per listing, whatever its length: view restrictions, site, the
# city filter (page, locale, city keys), count, pages, goals, targets, themes, images,
# renditions, translations, replication counts, translation states.
API_QUERY_BOUND = 15

INITIATIVE_FIELDS = {
    "id",
    "meta",
    "title",
    "summary",
    "background",
    "themes",
    "sdgs",
    "targets",
    "actions",
    "impacts",
    "budget",
    "policy_url",
    "media",
    "image",
    "thumbnail",
    "start_year",
    "end_year",
    "status",
    "implementing_agencies",
    "partners",
    "contact",
    "city",
    "replication",
    "translations",
}


def listing(client, **params):
    response = client.get(PAGES, {**INITIATIVES, **params})
    assert response.status_code == 200, response.content
    return response.json()


def titles(data):
    return sorted(item["title"] for item in data["items"])


def test_initiative_detail_has_every_field_in_the_contract_shapes(client, demo_initiative):
    french = demo_initiative("fr")

    data = client.get(f"{PAGES}{french.pk}/").json()

    assert set(data) == INITIATIVE_FIELDS
    assert data["meta"]["locale"] == "fr"
    assert data["meta"]["type"] == "knowledge.InitiativePage"
    assert data["sdgs"][0] == {
        "number": 2,
        "short_title": 'Faim "zéro"',  # as the official data writes it
        "title": (
            "Éliminer la faim, assurer la sécurité alimentaire, améliorer la nutrition et "
            "promouvoir l’agriculture durable"
        ),
        "color": "#DDA63A",
    }
    assert [theme["code"] for theme in data["themes"]] == ["food", "waste", "governance", "health"]
    assert data["themes"][0] == {"code": "food", "title": "Alimentation"}
    assert data["targets"][0]["code"] == "12.3"
    city = CityPage.objects.get(slug="milan", locale__language_code="fr")
    assert data["city"] == {
        "id": city.pk,
        "title": city.title,
        "country": {"code": "IT", "name": "Italie"},
        "region": "europe",
    }
    others = {
        page.locale.language_code: page.pk
        for page in InitiativePage.objects.filter(translation_key=french.translation_key)
        if page.pk != french.pk
    }
    assert data["translations"] == others
    assert set(others) == {"en", "ar", "zh-hans", "ru", "es"}
    assert data["background"].startswith("<p>")
    assert data["start_year"] == 2015
    assert data["status"] == "ongoing"


def test_contact_details_never_leave_the_site(client, seoul):
    page = InitiativePageFactory(
        parent=seoul,
        title="With a contact",
        contact_name="Kim Min-jun",
        contact_role="Project manager",
        contact_email="kim@seoul.example.org",
        contact_phone="+82 2 0000 0000",
    )

    data = client.get(f"{PAGES}{page.pk}/").json()
    city = client.get(f"{PAGES}{seoul.pk}/").json()

    assert data["contact"] == {"name": "Kim Min-jun", "role": "Project manager"}
    assert city["focal_points"] == [
        {"name": "Park Ji-won", "role": "International relations officer"}
    ]
    assert "example.org" not in str(data) + str(city)


def test_city_detail(client, seoul):
    data = client.get(f"{PAGES}{seoul.pk}/").json()

    assert data["country"] == {"code": "KR", "name": "South Korea"}
    assert data["region"] == "asia-pacific"
    assert data["latitude"] == "37.566500"
    assert data["social_accounts"] == [{"network": "x", "url": "https://x.com/seoul_gov"}]
    assert set(data["translations"]) == {"ar", "zh-hans", "fr", "ru", "es"}


@pytest.mark.parametrize(
    "params, expected",
    [
        (
            {"sdg": "13", "region": "africa"},
            [
                "Regional mangrove restoration programme",
                "Western Cape Industrial Symbiosis Programme",
            ],
        ),
        (
            {"sdg": "6,7"},
            ["Eco-efficiency Ordinance", "Integrated public space and water infrastructure"],
        ),
        (
            {"theme": "food"},
            ["Milan Food Policy", "Sustainable food production for a resilient Rosario"],
        ),
        (
            {"country": "in"},
            [
                "Urban Wage Employment Initiative",
                "Women's action towards climate resilience for the urban poor",
            ],
        ),
        (
            {"target": "13.1", "theme": "gender"},
            ["Women's action towards climate resilience for the urban poor"],
        ),
        ({"region": "europe", "status": "ongoing"}, ["Milan Food Policy"]),
        ({"search": "mangroves"}, ["Regional mangrove restoration programme"]),
        ({"sdg": "13", "search": "mangroves"}, ["Regional mangrove restoration programme"]),
        ({"sdg": "1", "search": "mangroves"}, []),
    ],
)
@pytest.mark.usefixtures("demo_content")
def test_filters_combine(client, params, expected):
    assert titles(listing(client, locale="en", **params)) == expected


@pytest.mark.usefixtures("demo_content")
def test_city_filter_accepts_the_city_of_any_language(client):
    arabic_rosario = CityPage.objects.get(slug="rosario", locale__language_code="ar")

    data = listing(client, locale="es", city=str(arabic_rosario.pk), fields="city")

    (item,) = data["items"]
    assert item["meta"]["locale"] == "es"
    assert item["city"]["id"] == CityPage.objects.get(slug="rosario", locale__language_code="es").pk


@pytest.mark.usefixtures("demo_content")
def test_city_listing_filters_by_country_and_region(client):
    data = client.get(
        PAGES, {"type": "knowledge.CityPage", "locale": "en", "region": "africa"}
    ).json()
    assert titles(data) == ["Cape Town", "Dar es Salaam", "Saint-Louis"]
    data = client.get(
        PAGES, {"type": "knowledge.CityPage", "locale": "ru", "country": "IN,KR"}
    ).json()
    assert len(data["items"]) == 3


@pytest.mark.parametrize(
    "params, message",
    [
        ({**INITIATIVES, "sdg": "99"}, "sdg: “99” is not a goal number from 1 to 17."),
        ({**INITIATIVES, "sdg": "abc"}, "sdg: “abc” is not a goal number from 1 to 17."),
        ({**INITIATIVES, "theme": "no-such-theme"}, "theme: There is no theme “no-such-theme”."),
        (
            {**INITIATIVES, "target": "99.9"},
            "target: “99.9” is not a target code such as 11.1 or 11.a.",
        ),
        (
            {**INITIATIVES, "country": "XX"},
            "country: “XX” is not an ISO 3166 alpha-2 country code.",
        ),
        ({**INITIATIVES, "region": "mars"}, "region: There is no region “mars”."),
        ({**INITIATIVES, "city": "abc"}, "city: “abc” is not the id of a city page."),
        ({**INITIATIVES, "city": "999999"}, "city: There is no city with the id 999999."),
        ({"sdg": "11"}, "sdg: this filter needs type=knowledge.InitiativePage"),
        ({"type": "knowledge.CityPage", "sdg": "11"}, "sdg: this filter needs type="),
        ({"locale": "xx"}, "locale: “xx” is not one of the languages"),
        ({"limit": "101"}, "limit cannot be higher than 100"),
        ({**INITIATIVES, "sdg": ",".join(["1"] * 51)}, "sdg: At most 50 values are allowed."),
        ({**INITIATIVES, "order": "sdgs"}, "cannot order by 'sdgs' (unknown field)"),
    ],
)
def test_bad_parameters_are_refused_with_a_message_naming_them(client, params, message):
    response = client.get(PAGES, params)

    assert response.status_code == 400
    assert response.json()["message"].startswith(message)


def test_taxonomy_endpoints_are_localised(client):
    sdgs = client.get("/api/v2/sdgs/", {"locale": "ru"}).json()
    assert sdgs["meta"]["total_count"] == 17
    eleven = sdgs["items"][10]
    assert eleven["number"] == 11
    assert eleven["short_title"] == "Устойчивые города и населенные пункты"
    assert eleven["color"] == "#FD9D24"
    assert eleven["meta"]["locale"] == "ru"

    themes = client.get("/api/v2/themes/", {"locale": "zh-hans", "limit": 100}).json()
    food = next(theme for theme in themes["items"] if theme["code"] == "food")
    assert (food["title"], food["meta"]["locale"]) == ("粮食", "zh-hans")
    assert client.get("/api/v2/sdgs/").json()["items"][0]["short_title"] == "No poverty"
    assert client.get("/api/v2/themes/", {"locale": "xx"}).status_code == 400


def test_nothing_unpublished_or_private_is_reachable(client, seoul):
    draft = InitiativePageFactory(
        parent=seoul, title="Unpublished plan", sdgs=[16], summary="secretword", live=False
    )
    private_city = CityPageFactory(
        parent=seoul.get_parent(), title="Hidden city", country="FR", region="europe"
    )
    hidden = InitiativePageFactory(
        parent=private_city, title="Hidden plan", sdgs=[16], summary="secretword"
    )
    make_private(private_city)

    for params in [
        {},
        {"sdg": "16"},
        {"search": "secretword"},
        {"country": "FR"},
        {"city": str(private_city.pk)},
    ]:
        data = listing(client, locale="en", limit="100", **params)
        ids = [item["id"] for item in data["items"]]
        assert draft.pk not in ids, params
        assert hidden.pk not in ids, params
    for page in (draft, hidden, private_city):
        assert client.get(f"{PAGES}{page.pk}/").status_code == 404
    everything = client.get(PAGES, {"limit": 100, "search": "secretword"}).json()
    assert everything["items"] == []


def _bulk(city, number, image):
    start = city.get_children().count()
    for n in range(start, start + number):
        InitiativePageFactory(
            parent=city,
            title=f"Bulk {n}",
            sdgs=[11, 13],
            themes=["transport", "energy"],
            targets=["11.2"],
            image=image,
            media=[
                {"type": "image", "value": {"image": image.pk, "alt_text": "A"}},
                {"type": "link", "value": {"title": "Plan", "url": "https://example.org/"}},
            ],
        )


@pytest.mark.parametrize(
    "params", [{"fields": "*"}, {"fields": "*", "sdg": "11", "theme": "transport"}]
)
def test_listing_queries_do_not_grow_with_the_number_of_initiatives(client, seoul, params):
    city = CityPageFactory(
        parent=seoul.get_parent(), title="Bulk city", country="KR", region="asia-pacific"
    )
    query = {**INITIATIVES, "locale": "en", "limit": "100", "city": str(city.pk), **params}

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(PAGES, query)
        assert response.status_code == 200
        return len(context.captured_queries), len(response.json()["items"])

    image = Image.objects.create(title="Street", file=get_test_image_file())
    _bulk(city, 5, image)
    queries()  # the first request fills the caches and makes the renditions
    with_5, items_5 = queries()
    _bulk(city, 45, image)
    with_50, items_50 = queries()

    assert (items_5, items_50) == (5, 50)
    assert with_5 == with_50
    assert with_50 <= API_QUERY_BOUND, with_50
    item = client.get(PAGES, query).json()["items"][0]
    assert set(item["image"]) == {"url", "full_url", "width", "height", "alt"}
    # fill-1200x675 of a 640×480 image: cropped to 16:9, never enlarged
    assert (item["image"]["width"], item["image"]["height"]) == (640, 360)
