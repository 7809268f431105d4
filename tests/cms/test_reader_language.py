"""A reader keeps their language: the switcher keeps the path and the query and reaches the page
served untranslated, and every form and link on such a page stays under their language."""

from django.test import Client

import pytest
from bs4 import BeautifulSoup

from knowledge.base.spam import new_stamp
from knowledge.models import InitiativeComment, InitiativePage
from pages.models import HomePage
from tests.knowledge.members import make_member, member_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def switcher(response):
    return {a["hreflang"]: a["href"] for a in soup(response).select("nav.language-switcher a")}


@pytest.fixture
def milan_in_english_only():
    """Milan's food policy with its French translation taken offline."""
    InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="fr").unpublish()
    return InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")


def test_switcher_keeps_the_filters_and_the_page_number():
    response = Client().get("/en/initiatives/", {"sdg": "11", "theme": "governance", "page": "1"})

    links = switcher(response)
    assert links["fr"].endswith("?sdg=11&theme=governance&page=1")
    assert links["fr"].startswith("/fr/")
    assert links["ar"].startswith("/ar/")
    assert links["ar"].endswith("?sdg=11&theme=governance&page=1")
    french = Client().get(links["fr"])
    assert french.status_code == 200
    # The French listing applies the same filters: its own switcher links back with them.
    assert switcher(french)["en"] == "/en/initiatives/?sdg=11&theme=governance&page=1"


def test_switcher_reaches_the_fallback_page_not_the_home(milan_in_english_only):
    english_url = milan_in_english_only.url
    fallback = english_url.replace("/en/", "/fr/", 1)

    links = switcher(Client().get(english_url))

    assert links["fr"] == fallback
    assert links["fr"] != HomePage.objects.get(locale__language_code="fr").url
    response = Client().get(fallback)
    assert response.status_code == 200
    assert soup(response).html["lang"] == "fr"
    assert soup(response).h1.get_text(strip=True) == milan_in_english_only.title
    # On the fallback page the switcher marks French as the reader's language, at this address.
    current = soup(response).select_one("nav.language-switcher a[aria-current]")
    assert (current["hreflang"], current["href"]) == ("fr", fallback)


def test_breadcrumbs_of_a_fallback_page_are_in_the_readers_language(milan_in_english_only):
    fallback = milan_in_english_only.url.replace("/en/", "/fr/", 1)

    crumbs = soup(Client().get(fallback)).select(".breadcrumbs a")

    french_city = milan_in_english_only.city.get_translation(
        HomePage.objects.get(locale__language_code="fr").locale
    )
    assert [a["href"] for a in crumbs][-1] == french_city.url
    assert crumbs[-1].get_text(strip=True) == french_city.title
    assert all(a["href"].startswith("/fr/") for a in crumbs)


def test_a_comment_from_a_fallback_page_comes_back_in_the_readers_language(
    milan_in_english_only,
):
    from knowledge.models import CityPage

    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    author = member_client(make_member(seoul, "ji-ho@seoul.example.org"))
    fallback = milan_in_english_only.url.replace("/en/", "/fr/", 1)

    response = author.post(
        f"/fr/interact/pages/{milan_in_english_only.pk}/comments/",
        {"comment-body": "Très utile pour nos marchés.", "comment-stamp": new_stamp()},
    )

    comment = InitiativeComment.objects.get(body="Très utile pour nos marchés.")
    assert comment.language == "fr"
    assert response.status_code == 302
    assert response["Location"] == f"{fallback}#comment-{comment.pk}"
    page = author.get(response["Location"])
    assert soup(page).html["lang"] == "fr"
    assert "Très utile pour nos marchés." in page.content.decode()

    # A refused comment is answered with the fallback page too, in French.
    refused = author.post(
        f"/fr/interact/pages/{milan_in_english_only.pk}/comments/",
        {"comment-body": "", "comment-stamp": new_stamp()},
    )
    assert refused.status_code == 400
    assert soup(refused).html["lang"] == "fr"
    assert soup(refused).select_one(".translation-notice") is not None


def test_visitors_asked_to_sign_in_come_back_to_the_fallback_page(milan_in_english_only):
    response = Client().post(f"/fr/interact/pages/{milan_in_english_only.pk}/comments/", {})

    assert response.status_code == 302
    fallback = milan_in_english_only.url.replace("/en/", "/fr/", 1)
    assert response["Location"].startswith("/fr/")
    assert response["Location"].endswith(f"?next={fallback}")
