"""Cities like mine on the demo content: Quito's peers and recommendations, in every language."""

from django.utils import translation
from django.utils.translation import gettext

import pytest
from bs4 import BeautifulSoup

from knowledge.models import CityPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

LANGUAGES = ["en", "ar", "es", "fr", "ru", "zh-hans"]


def _cards(section):
    return [
        (card.select_one(".card__title a").get_text(), card.select_one(".card__summary").get_text())
        for card in section.select(".card")
    ]


def test_quito_learns_from_rosario_first(client):
    data = client.get(
        "/api/v2/peers/",
        {"city": CityPage.objects.get(slug="quito", locale__language_code="en").pk},
    ).json()

    assert data["city"]["band"] == "medium"
    assert [(peer["title"], peer["reason"]) for peer in data["peers"]] == [
        ("Rosario", "Same size, same region"),
        ("Almaty", "Same size"),
        ("Cape Town", "Same size"),
        ("Milan", "Same size"),
    ]
    # Quito works on goals 6, 7 and 11; its peers on 2, 5, 8, 11, 12, 13 and 16.
    assert [item["code"] for item in data["focus"]] == [2, 5, 8]
    assert [(item["title"], item["reason"]) for item in data["recommendations"]] == [
        (
            "Sustainable food production for a resilient Rosario",
            "Same size, same region, works on SDG 2: Zero hunger",
        ),
        ("Milan Food Policy", "Same size, works on SDG 2: Zero hunger"),
        (
            "Western Cape Industrial Symbiosis Programme",
            "Same size, works on SDG 8: Decent work and economic growth",
        ),
    ]


@pytest.mark.parametrize("language", LANGUAGES)
def test_every_language_shows_the_band_peers_and_recommendations(client, language):
    quito = CityPage.objects.get(slug="quito", locale__language_code=language)

    response = client.get(quito.url)

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    peers = page.find(id="peers-heading").find_parent("section")
    recommended = page.find(id="recommended-heading").find_parent("section")
    rosario = CityPage.objects.get(slug="rosario", locale__language_code=language)
    with translation.override(language):
        assert _cards(peers)[0] == (rosario.title, gettext("Same size, same region"))
        assert gettext("City size") in [dt.get_text() for dt in page.select(".facts dt")]
    assert len(_cards(peers)) == 4
    assert len(_cards(recommended)) == 3
