"""City and initiative pages as visitors and members see them."""

import json

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from knowledge.models import InitiativePage, SustainableDevelopmentGoal
from tests.factories import InitiativePageFactory

from .conftest import make_private, soup

pytestmark = pytest.mark.django_db

SECTION_ORDER = [
    "Background, challenges and objectives",
    "Themes",
    "Sustainable Development Goals",
    "Actions and implementation",
    "Impacts and replication",
    "Budget and resources",
    "Further information and media",
]


@pytest.fixture
def member_client(db):
    user = get_user_model().objects.create_user("member", "member@example.org", "pw")
    member = Client()
    member.force_login(user)
    return member


@pytest.fixture
def full_initiative(seoul):
    return InitiativePageFactory(
        parent=seoul,
        title="Cheonggyecheon restoration",
        summary="A covered stream becomes a public park again.",
        background="<p>An elevated road covered the stream.</p>",
        actions="<p>The road was removed.</p>",
        impacts="<p>Summer temperatures along the stream fell.</p>",
        budget="<p>City budget.</p>",
        policy_url="https://example.org/cheonggyecheon",
        sdgs=[11, 13],
        themes=["transport", "environment-resilience"],
        targets=["11.7"],
        contact_name="Kim Min-jun",
        contact_role="Project manager",
        contact_email="kim@seoul.example.org",
        contact_phone="+82 2 0000 0000",
    )


def test_initiative_shows_the_upload_form_sections_in_order(client, full_initiative):
    page = soup(client.get(full_initiative.url))

    headings = [
        h2.get_text(strip=True) for h2 in page.select(".initiative__sections > section > h2")
    ]
    assert headings == SECTION_ORDER
    assert page.h1.get_text(strip=True) == "Cheonggyecheon restoration"
    assert "11.7" in page.select_one(".target-list").get_text()


def test_sdg_badges_use_the_official_colours(client, full_initiative):
    page = soup(client.get(full_initiative.url))

    badges = page.select(".initiative__header .sdg-badge")
    # A class per goal, whose colour the site's style sheet gives (no style attributes: see
    # tests/cms/test_security.py).
    classes = {
        badge.select_one(".sdg-badge__number").get_text(): badge["class"] for badge in badges
    }
    assert classes == {"11": ["sdg-badge", "sdg-colour-11"], "13": ["sdg-badge", "sdg-colour-13"]}


def test_translated_initiative_shows_goals_and_themes_in_its_language(client, demo_initiative):
    french = demo_initiative("fr")
    # wagtail-localize copies the relations: they still point at the English rows…
    assert {goal.locale.language_code for goal in french.sdgs.all()} == {"en"}

    page = soup(client.get(french.url))

    # …and the page shows the French ones.
    goal_titles = [item.get_text(" ", strip=True) for item in page.select(".goal-list__item")]
    assert goal_titles[0].startswith("2 Éliminer la faim")
    themes = [tag.get_text() for tag in page.select("#themes .tag")]
    assert themes == ["Alimentation", "Déchets", "Gouvernance", "Santé"]
    assert "Sustainable Development Goals" not in page.get_text()


def test_contact_details_are_shown_only_to_signed_in_members(
    client, member_client, full_initiative
):
    anonymous = client.get(full_initiative.url).content.decode()
    assert "Kim Min-jun" in anonymous
    assert "Project manager" in anonymous
    assert "kim@seoul.example.org" not in anonymous
    assert "+82 2 0000 0000" not in anonymous
    assert "focal.point@seoul.example.org" not in anonymous
    assert "Park Ji-won" in anonymous  # the city's focal point, by name and role

    member = member_client.get(full_initiative.url).content.decode()
    assert "kim@seoul.example.org" in member
    assert "focal.point@seoul.example.org" in member


def test_share_links_are_plain_links_without_third_party_scripts(client, full_initiative):
    response = client.get(full_initiative.url)
    page = soup(response)

    links = {a.contents[0].strip(): a["href"] for a in page.select(".share__link")}
    assert links["Facebook"] == (
        "https://www.facebook.com/sharer/sharer.php?u="
        "http%3A%2F%2Ftestserver%2Fen%2Fcities%2Fseoul%2Fcheonggyecheon-restoration%2F"
    )
    assert links["X"].startswith("https://x.com/intent/post?url=http%3A%2F%2Ftestserver")
    assert links["E-mail"].startswith("mailto:?subject=Cheonggyecheon%20restoration")
    # Only the site's own scripts (served from /static/), none from another origin.
    sources = [script["src"] for script in page.find_all("script") if script.get("src")]
    assert [src for src in sources if not src.startswith("/static/")] == []


def test_structured_data_describes_the_initiative(client, full_initiative):
    page = soup(client.get(full_initiative.url))

    (script,) = page.find_all("script", type="application/ld+json")
    data = json.loads(script.string)
    assert data["@type"] == "CreativeWork"
    assert data["headline"] == data["name"] == "Cheonggyecheon restoration"
    assert data["inLanguage"] == "en"
    assert data["spatialCoverage"]["@type"] == "Place"
    assert data["spatialCoverage"]["name"] == "Seoul"
    assert data["spatialCoverage"]["address"]["addressCountry"] == "KR"
    assert data["spatialCoverage"]["containedInPlace"]["name"] == "South Korea"
    assert {
        "@type": "Thing",
        "identifier": "SDG 13",
        "name": "13. Climate action",
        "description": "Take urgent action to combat climate change and its impacts",
        "sameAs": "https://sdgs.un.org/goals/goal13",
    } in data["about"]


def test_related_initiatives_share_goals_or_themes_and_are_public(client, seoul, full_initiative):
    shared = {"sdgs": [11, 13], "themes": ["transport", "environment-resilience"]}
    neighbour = InitiativePageFactory(parent=seoul, title="Shares everything", **shared)
    draft = InitiativePageFactory(parent=seoul, title="Draft sharing", live=False, **shared)
    unrelated = InitiativePageFactory(parent=seoul, title="Nothing shared", sdgs=[4], themes=[])

    titles = [
        a.get_text(strip=True)
        for a in soup(client.get(full_initiative.url)).select(".related .card__title a")
    ]

    assert titles[0] == neighbour.title
    assert draft.title not in titles
    assert unrelated.title not in titles
    assert len(titles) <= 3
    assert full_initiative.title not in titles


def test_private_initiative_is_not_related_anywhere(client, seoul, full_initiative):
    hidden = InitiativePageFactory(
        parent=seoul,
        title="Behind a password",
        sdgs=[11, 13],
        themes=["transport", "environment-resilience"],
    )
    make_private(hidden)

    titles = soup(client.get(full_initiative.url)).select(".related .card__title a")
    assert hidden.title not in [a.get_text(strip=True) for a in titles]


def test_city_page_shows_its_profile_and_only_its_live_initiatives(client, seoul):
    InitiativePageFactory(parent=seoul, title="Not yet published", live=False)

    page = soup(client.get(seoul.url))

    facts = dict(
        zip(
            [dt.get_text(strip=True) for dt in page.select(".city__facts dt")],
            [dd.get_text(" ", strip=True) for dd in page.select(".city__facts dd")],
            strict=True,
        )
    )
    assert facts["Country"] == "South Korea"
    assert facts["Region"] == "Asia and the Pacific"
    assert facts["Website"] == "https://english.seoul.go.kr"
    assert facts["Social accounts"] == "X (Twitter)"
    cards = [a.get_text(strip=True) for a in page.select(".city__initiatives .card__title a")]
    assert cards == ["Big data for urban planning and management"]
    assert (
        page.select_one(".focal-point")
        .get_text(" ", strip=True)
        .startswith("Park Ji-won International relations officer")
    )


@pytest.mark.usefixtures("demo_content")
def test_city_population_is_formatted_for_the_language(client, db):
    from knowledge.models import CityPage

    cape_town = CityPage.objects.get(slug="cape-town", locale__language_code="fr")

    page = soup(client.get(cape_town.url))

    facts = [dd.get_text(strip=True) for dd in page.select(".city__facts dd")]
    assert "4\u202f700\u202f000" in facts  # CLDR: French groups with a narrow no-break space


def test_city_coordinates_are_text_without_a_tile_server(client, seoul, settings):
    settings.MAP_TILE_URL = ""

    page = soup(client.get(seoul.url))

    assert page.select_one(".city-map__coordinates").get_text() == "37.5665, 126.9780"
    assert page.select(".city-map__tiles image") == []


def test_city_map_uses_the_configured_tile_server(client, seoul, settings):
    settings.MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    settings.MAP_TILE_ATTRIBUTION = "© Example tiles"

    page = soup(client.get(seoul.url))

    tiles = [image["href"] for image in page.select(".city-map__tiles image")]
    assert len(tiles) == 15
    # Seoul at zoom 11 is tile x=1746, y=793.
    assert "https://tiles.example.org/11/1746/793.png" in tiles
    assert page.select_one(".city-map__attribution").get_text() == "© Example tiles"


def test_city_index_groups_cities_by_region_with_their_initiative_counts(client, english_cities):
    page = soup(client.get(english_cities.url))

    regions = [h2.get_text(strip=True) for h2 in page.select(".region h2")]
    assert regions == [
        "Africa",
        "Asia and the Pacific",
        "Europe",
        "Latin America and the Caribbean",
    ]
    milan = next(item for item in page.select(".city-list__item") if "Milan" in item.get_text())
    assert milan.select_one(".city-list__count").get_text(strip=True) == "1 initiative"


def test_initiative_city_follows_the_page_when_it_moves(seoul, full_initiative):
    from knowledge.models import CityPage

    almaty = CityPage.objects.get(slug="almaty", locale__language_code="en")
    assert full_initiative.city_id == seoul.pk

    full_initiative.move(almaty, pos="last-child")

    assert InitiativePage.objects.get(pk=full_initiative.pk).city_id == almaty.pk


def test_goal_rows_are_synchronised_not_translated(demo_initiative):
    # The relations of every translation point at the same rows as the English source.
    english = {goal.pk for goal in demo_initiative("en").sdgs.all()}
    for code in ["ar", "zh-hans", "fr", "ru", "es"]:
        assert {goal.pk for goal in demo_initiative(code).sdgs.all()} == english
    assert (
        SustainableDevelopmentGoal.objects.filter(pk__in=english, number__in=[2, 5, 12]).count()
        == 3
    )
