"""The menus cost the same few queries whatever their links, without the fragment cache (as
without Redis): both menus are read together, their pages as plain pages (cms.navigation)."""

from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from wagtail.models import Site

import pytest
from bs4 import BeautifulSoup

from cms import navigation
from knowledge.models import CityIndexPage, InitiativeIndexPage
from library.models import LibraryIndexPage
from pages.models import (
    EventIndexPage,
    NavigationItem,
    NavigationMenu,
    PartnerIndexPage,
    SDGIndexPage,
    WebinarIndexPage,
)
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

TYPES = [
    PartnerIndexPage,
    EventIndexPage,
    WebinarIndexPage,
    SDGIndexPage,
    CityIndexPage,
    InitiativeIndexPage,
    LibraryIndexPage,
]


@pytest.fixture(autouse=True)
def no_fragment_cache(settings):
    settings.FRAGMENT_CACHE_SECONDS = 0


@pytest.fixture
def sections(homes):
    """Eight pages of eight types under the English home page: a query per type if read as
    specific pages."""
    home = homes["en"]
    pages = []
    for n, model in enumerate(TYPES):
        page = model(title=f"Section {n}", slug=f"section-{n}", live=False)
        home.add_child(instance=page)
        page.save_revision().publish()
        pages.append(page)
    return [*pages, StandardPageFactory(parent=home, title="About")]


def make_menu(slot, locale, pages, live=True, text=""):
    menu = NavigationMenu.objects.create(slot=slot, locale=locale, live=live, text=text)
    for n, page in enumerate(pages):
        NavigationItem.objects.create(menu=menu, link_page=page, locale=locale, sort_order=n)
    return menu


def links(response, selector):
    page = BeautifulSoup(response.content, "html.parser")
    return [(a.get_text(strip=True), a["href"]) for a in page.select(f"{selector} a")]


def test_both_menus_are_read_in_three_queries(sections, homes):
    make_menu("main", homes["en"].locale, sections)
    make_menu("footer", homes["en"].locale, sections[-2:], text="Who we are")
    request = RequestFactory().get("/en/")
    translation.activate("en")
    # What Wagtail reads before any page is served: the site, and the sites' root paths (kept in
    # the cache across requests).
    Site.find_for_request(request)
    Site.get_site_root_paths()

    with CaptureQueriesContext(connection) as read:
        main = navigation.menu(request, "main")
        footer = navigation.menu(request, "footer")

    # The menus, their items with their pages, the pages' translations in the language.
    assert len(read.captured_queries) == 3
    assert [(label, url) for label, url, _path in main["links"]] == [
        (page.title, f"/en/{page.slug}/") for page in sections
    ]
    assert footer["text"] == "Who we are"
    assert [url for _label, url, _path in footer["links"]] == ["/en/section-6/", "/en/about/"]

    with CaptureQueriesContext(connection) as again:
        assert navigation.menu(request, "main") == main
    assert not again.captured_queries


def test_a_page_costs_the_same_with_two_links_or_eight(client, sections, homes):
    menu = make_menu("main", homes["en"].locale, sections[:2])
    make_menu("footer", homes["en"].locale, sections[-1:])

    def count():
        with CaptureQueriesContext(connection) as queries:
            response = client.get("/en/")
        assert response.status_code == 200
        return len(queries.captured_queries), links(response, ".main-menu")

    count()  # the first request reads what Wagtail keeps afterwards (the sites' root paths)
    few, shown = count()
    assert [label for label, _url in shown][:2] == ["Section 0", "Section 1"]

    for n, page in enumerate(sections[2:], start=2):
        NavigationItem.objects.create(menu=menu, link_page=page, locale=menu.locale, sort_order=n)
    many, shown = count()
    assert len(shown) == len(sections) + 1  # and certification
    assert many == few


def test_a_menu_leads_to_the_pages_of_its_language_that_are_live(client, sections, homes):
    french = homes["fr"].locale
    translated = sections[0].copy_for_translation(french)
    translated.title = "Partenaires"
    translated.save_revision().publish()
    unpublished = StandardPageFactory(parent=homes["en"], title="Gone")
    unpublished.unpublish()
    make_menu("main", french, [sections[0], sections[1], unpublished])
    make_menu("main", homes["en"].locale, [sections[2]])
    make_menu("footer", french, [sections[3]], live=False, text="Brouillon")

    response = client.get("/fr/")

    # The French translation where one is live, else the page as is; never an unpublished one.
    assert links(response, ".main-menu")[:2] == [
        ("Partenaires", translated.url),
        ("Section 1", "/en/section-1/"),
    ]
    assert len(links(response, ".main-menu")) == 3  # and certification
    # A draft menu is not shown, nor the menu of another language.
    assert "Brouillon" not in response.text
    assert "Section 2" not in response.text
    assert not links(response, ".footer-links")
