"""Rich text in the API: links to pages point at the translation in the page's language, and
every link is absolute, in fields and in StreamField blocks alike."""

import pytest

from knowledge.models import CityPage, InitiativePage
from pages.models import StandardPage

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def publish(page):
    page.save_revision().publish()


def test_page_links_follow_the_page_language_and_are_absolute(client):
    english_city = CityPage.objects.get(slug="milan", locale__language_code="en")
    french_city = CityPage.objects.get(
        translation_key=english_city.translation_key, locale__language_code="fr"
    )
    french = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="fr")
    french.background = (
        f'<p>Voir <a linktype="page" id="{english_city.pk}">la ville</a> et '
        '<a href="/fr/initiatives/">la base</a>.</p>'
    )
    publish(french)

    data = client.get(f"/api/v2/pages/{french.pk}/").json()
    assert f'href="http://testserver{french_city.url}"' in data["background"]
    assert french_city.url.startswith("/fr/")
    assert 'href="http://testserver/fr/initiatives/"' in data["background"]

    listing = client.get(
        "/api/v2/pages/",
        {"type": "knowledge.InitiativePage", "fields": "background", "locale": "fr"},
    ).json()
    item = next(item for item in listing["items"] if item["id"] == french.pk)
    assert f'href="http://testserver{french_city.url}"' in item["background"]


def test_links_in_stream_blocks_are_absolute(client):
    about = StandardPage.objects.get(slug="about", locale__language_code="en")
    page = StandardPage.objects.get(
        translation_key=about.translation_key, locale__language_code="es"
    )
    english_city = CityPage.objects.get(slug="quito", locale__language_code="en")
    spanish_city = CityPage.objects.get(
        translation_key=english_city.translation_key, locale__language_code="es"
    )
    page.body = [
        ("paragraph", f'<p><a linktype="page" id="{english_city.pk}">Quito</a></p>'),
    ]
    publish(page)
    body = client.get(f"/api/v2/pages/{page.pk}/").json()["body"]
    assert f'href="http://testserver{spanish_city.url}"' in body[0]["value"]
