"""Cities like mine: size bands, peers and recommended initiatives with their one-line reasons,
from initiative counts and from a stage report's gaps, on the city page (bounded queries) and
purged with what they show."""

from django.utils import translation
from django.utils.translation import gettext

import pytest
from bs4 import BeautifulSoup

from certification.models import Application
from cms import signal_handlers
from network import peers
from network.bands import band_of
from tests.factories import CityPageFactory, InitiativePageFactory
from tests.network.conftest import stage_report

pytestmark = pytest.mark.django_db


def _titles(network):
    return [(peer.city.title, peer.reason) for peer in network.peers]


def _recommended(network):
    return [(item.initiative.title, item.reason) for item in network.recommendations]


@pytest.mark.parametrize(
    "population, code",
    [
        (None, None),
        (0, "small"),
        (999_999, "small"),
        (1_000_000, "medium"),
        (4_999_999, "medium"),
        (5_000_000, "large"),
        (9_999_999, "large"),
        (10_000_000, "megacity"),
        (40_000_000, "megacity"),
    ],
)
def test_the_size_band_follows_the_population(population, code):
    band = band_of(population)
    assert (band.code if band else None) == code


def test_peers_and_recommendations_for_the_goals_with_fewest_initiatives(network):
    result = peers.build(network["en"]["cape-town"])

    assert result.band.code == "medium"
    # Same band: the same region first, then by title. Seoul (large), Saint-Louis (small) and
    # the city without a population are not peers.
    assert _titles(result) == [
        ("Dar es Salaam", "Same size, same region"),
        ("Milan", "Same size"),
        ("Quito", "Same size"),
    ]
    # Cape Town works on goals 9 and 12; of the goals its peers work on (2, 3, 6, 11, 12) those
    # with none of its initiatives come first, by number. Milan's draft (goal 1) counts for
    # nothing.
    assert result.basis == peers.FEWEST_INITIATIVES
    assert [(item.kind, item.code) for item in result.focus] == [("sdg", 2), ("sdg", 3), ("sdg", 6)]
    assert _recommended(result) == [
        (
            "School road safety",
            "Same size, same region, works on SDG 3: Good health and well-being",
        ),
        ("Food policy", "Same size, works on SDG 2: Zero hunger"),
        ("Eco-efficiency ordinance", "Same size, works on SDG 6: Clean water and sanitation"),
    ]


def test_the_lists_and_reasons_are_in_the_language_of_the_city_page(network):
    result = peers.build(network["fr"]["cape-town"])

    assert [peer.city.title for peer in result.peers] == [
        "Dar es Salaam (fr)",
        "Milan (fr)",
        "Quito (fr)",
    ]
    assert all(peer.city.locale.language_code == "fr" for peer in result.peers)
    with translation.override("fr"):
        same_region = gettext("Same size, same region")
        health = gettext("Same size, same region, works on SDG %(number)s: %(goal)s") % {
            "number": 3,
            "goal": "Bonne santé et bien-être",
        }
        hunger = gettext("Same size, works on SDG %(number)s: %(goal)s") % {
            "number": 2,
            "goal": 'Faim "zéro"',
        }
    assert result.peers[0].reason == same_region
    assert [item.initiative.title for item in result.recommendations] == [
        "School road safety (fr)",
        "Food policy (fr)",
        "Eco-efficiency ordinance (fr)",
    ]
    # The goal's name is the French one.
    assert result.recommendations[0].reason == health
    assert "Bonne santé et bien-être" in result.recommendations[0].reason
    assert result.recommendations[1].reason == hunger
    assert 'Faim "zéro"' in result.recommendations[1].reason


def test_a_stage_report_with_gaps_chooses_the_themes_of_its_gaps(network):
    # Q2 (governance, urban planning) partly met and Q3 (governance, social inclusion) not met:
    # governance is named by two gaps, then urban planning before social inclusion (Q2 first).
    stage_report(network["en"]["cape-town"], {"Q1": "met", "Q2": "partly", "Q3": "not_met"})

    result = peers.build(network["en"]["cape-town"])

    assert result.basis == peers.STAGE_REPORT
    assert [(item.kind, item.code) for item in result.focus] == [
        ("theme", "governance"),
        ("theme", "urban-planning"),
        ("theme", "social-inclusion"),
    ]
    assert _recommended(result) == [
        ("School road safety", "Same size, same region, works on Social inclusiveness"),
        ("Food policy", "Same size, works on Governance"),
        ("Eco-efficiency ordinance", "Same size, works on Urban planning"),
    ]


def test_a_report_without_gaps_or_still_in_review_falls_back_to_initiative_counts(network):
    city = network["en"]["cape-town"]
    application = stage_report(city, {"Q1": "met", "Q2": "met", "Q3": "met"})
    assert peers.build(city).basis == peers.FEWEST_INITIATIVES

    # The gaps of an application not yet decided are nobody's business yet.
    application.assessments.filter(criterion_code="Q2").update(result="not_met")
    for undecided in (Application.Status.IN_REVIEW, Application.Status.REVIEWED):
        application.status = undecided
        application.save()
        assert peers.build(city).basis == peers.FEWEST_INITIATIVES

    application.status = Application.Status.CERTIFIED
    application.save()
    assert peers.build(city).basis == peers.STAGE_REPORT


def test_a_city_without_a_population_has_no_band_and_no_section(client, network):
    nowhere = network["en"]["cape-town"].get_parent().get_children().get(slug="nowhere")
    result = peers.build(nowhere.specific)
    assert result.band is None and result.peers == [] and result.recommendations == []

    page = BeautifulSoup(client.get(nowhere.url).content, "html.parser")
    assert page.find(id="peers-heading") is None
    assert "City size" not in [dt.get_text() for dt in page.select(".facts dt")]


def _section(response):
    page = BeautifulSoup(response.content, "html.parser")
    facts = dict(
        zip(
            [dt.get_text(strip=True) for dt in page.select(".facts dt")],
            [dd.get_text(" ", strip=True) for dd in page.select(".facts dd")],
            strict=True,
        )
    )
    peers_section = page.find(id="peers-heading").find_parent("section")
    recommended = page.find(id="recommended-heading").find_parent("section")
    return facts, peers_section, recommended


def test_the_city_page_shows_the_band_peers_and_recommendations(client, network):
    response = client.get(network["en"]["cape-town"].url)

    assert response.status_code == 200
    facts, peers_section, recommended = _section(response)
    assert facts["City size"] == "Medium-sized city 1 to 5 million inhabitants"
    assert [a.get_text() for a in peers_section.select(".card__title a")] == [
        "Dar es Salaam",
        "Milan",
        "Quito",
    ]
    assert peers_section.select_one(".card__title a")["href"] == network["en"]["dar-es-salaam"].url
    assert [p.get_text() for p in peers_section.select(".card__summary")] == [
        "Same size, same region",
        "Same size",
        "Same size",
    ]
    assert [a.get_text() for a in recommended.select(".card__title a")] == [
        "School road safety",
        "Food policy",
        "Eco-efficiency ordinance",
    ]
    assert recommended.select(".card__summary")[1].get_text() == (
        "Same size, works on SDG 2: Zero hunger"
    )
    # Not a peer's, not a draft, not its own.
    text = response.content.decode()
    for absent in ("Big data", "Mangroves", "Draft", "Nowhere"):
        assert absent not in recommended.get_text() and absent not in peers_section.get_text()
    assert "Industrial symbiosis" not in recommended.get_text()
    assert 'id="recommended-heading"' in text


def test_the_city_page_queries_do_not_grow_with_peers_and_initiatives(
    client, network, django_assert_max_num_queries
):
    url = network["en"]["cape-town"].url
    client.get(url)  # warm the per-process caches (taxonomies, site roots)
    with django_assert_max_num_queries(60) as few:
        assert client.get(url).status_code == 200
    count = len(few.captured_queries)  # before later queries rotate the log
    index = network["en"]["cape-town"].get_parent()
    for number in range(6):
        city = CityPageFactory(
            parent=index,
            title=f"Peer {number}",
            slug=f"peer-{number}",
            country="BR",
            region="latin-america-caribbean",
            population=2_000_000 + number,
        )
        InitiativePageFactory(parent=city, title=f"Peer initiative {number}", sdgs=[2, 4, 5])
        InitiativePageFactory(parent=city, title=f"Second initiative {number}", sdgs=[6])
    client.get(url)  # the menus, whose cache the publications dropped
    with django_assert_max_num_queries(count):
        response = client.get(url)
    _facts, peers_section, recommended = _section(response)
    assert len(peers_section.select(".card")) == 9
    assert len(recommended.select(".card")) == peers.RECOMMENDED


def test_the_section_is_purged_with_cities_initiatives_and_the_stage_report(
    client, network, monkeypatch
):
    city = network["en"]["cape-town"]
    response = client.get(city.url)
    tags = set(response["X-Cache-Tags"].split(","))
    report_tag = f"stage-report-{city.translation_key}"
    assert {"list-citypage", "list-initiativepage", report_tag} <= tags

    purged = []
    monkeypatch.setattr(signal_handlers, "purge", lambda tags: purged.append(set(tags)))
    application = stage_report(city, {"Q1": "met", "Q2": "partly"})
    assert {report_tag} in purged

    purged.clear()
    application.assessments.get(criterion_code="Q2").delete()
    assert purged == [{report_tag}]

    purged.clear()
    milan = network["en"]["milan"]
    milan.population = 12_000_000
    milan.save_revision().publish()
    assert any("list-citypage" in tags for tags in purged)
    assert "Milan" not in [peer.city.title for peer in peers.build(city).peers]
