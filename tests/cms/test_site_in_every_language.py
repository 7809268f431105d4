"""The main pages render in each of the six languages, with translated navigation, interface
labels and content."""

from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from knowledge.models import InitiativePage
from pages.models import EventPage, NavigationMenu
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db


def translated(page_model, code, **lookup):
    return page_model.objects.live().get(locale__language_code=code, **lookup)


def sample_pages(code):
    """(url, title or None) of the pages every language must have."""
    english_event = EventPage.objects.live().filter(locale__language_code="en").order_by("pk")[0]
    event = english_event.get_translation(Locale.objects.get(language_code=code))
    initiative = translated(InitiativePage, code, slug="milan-food-policy")
    return [
        (f"/{code}/", None),
        (f"/{code}/initiatives/", None),
        (initiative.url, initiative.title),
        (f"/{code}/events/", None),
        (event.url, event.title),
    ]


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_main_pages_are_in_the_visitors_language(client, demo_content, code):
    menu = NavigationMenu.objects.get(slot="main", locale__language_code=code)
    menu_labels = [item.label for item in menu.items.all() if item.label]
    english_titles = {title for _url, title in sample_pages("en") if title is not None}
    with translation.override(code):
        search_label = gettext("Search")
        skip_label = gettext("Skip to main content")

    for url, title in sample_pages(code):
        response = client.get(url)
        assert response.status_code == 200, url
        page = BeautifulSoup(response.content, "html.parser")
        assert page.html["lang"] == code
        assert page.html["dir"] == ("rtl" if code == "ar" else "ltr")
        # Interface labels and the navigation are in the language.
        assert page.select_one(".search-box button").get_text(strip=True) == search_label
        assert page.select_one(".skip-link").get_text(strip=True) == skip_label
        nav = page.select_one("nav.main-menu")
        for label in menu_labels:
            assert label in nav.get_text(), (url, label)
        # And so is the content.
        if title is not None:
            assert page.h1.get_text(strip=True) == title
            if code != "en":
                assert title not in english_titles, (url, title)
        assert page.select_one(".translation-notice") is None, url
