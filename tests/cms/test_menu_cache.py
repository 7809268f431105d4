"""The menus are read from the fragment cache (knowledge.base.cache_tags.fragment) and dropped by
the purges of what they show: a change to a menu, or a publication, unpublication, move or deletion
of a page a menu links to, however deep in the tree. Other publications leave them cached."""

import pytest
from bs4 import BeautifulSoup

from pages.models import NavigationItem, NavigationMenu
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def menu_site(homes, fragments, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        about = StandardPageFactory(parent=homes["en"], title="About")
        # Deep and not shown in menus: only the menu's link makes it part of every page.
        deep = StandardPageFactory(parent=about, title="Team", show_in_menus=False)
        menu = NavigationMenu.objects.create(slot="main", locale=homes["en"].locale)
        NavigationItem.objects.create(menu=menu, link_page=deep, locale=menu.locale)
    return {"about": about, "deep": deep, "menu": menu}


def menu_labels(client):
    page = BeautifulSoup(client.get("/en/").content, "html.parser")
    return [a.get_text(strip=True) for a in page.select(".main-menu a")]


def test_the_menu_is_read_once_then_from_the_cache(
    client, menu_site, django_assert_max_num_queries
):
    with django_assert_max_num_queries(100) as first:
        assert menu_labels(client)[0] == "Team"
    menu_queries = [q["sql"] for q in first.captured_queries if "navigation" in q["sql"]]
    assert menu_queries

    with django_assert_max_num_queries(100) as second:
        assert menu_labels(client)[0] == "Team"
    assert not [q["sql"] for q in second.captured_queries if "navigation" in q["sql"]]


def test_publishing_a_linked_page_however_deep_shows_in_the_menu(
    client, menu_site, django_capture_on_commit_callbacks
):
    assert menu_labels(client)[0] == "Team"
    deep = menu_site["deep"]
    deep.title = "Our team"
    with django_capture_on_commit_callbacks(execute=True):
        deep.save_revision().publish()

    assert menu_labels(client)[0] == "Our team"

    with django_capture_on_commit_callbacks(execute=True):
        deep.unpublish()

    assert "Our team" not in menu_labels(client)


def test_editing_the_menu_shows_at_once(client, menu_site, django_capture_on_commit_callbacks):
    assert menu_labels(client)[0] == "Team"
    with django_capture_on_commit_callbacks(execute=True):
        item = menu_site["menu"].items.get()
        item.label = "People"
        item.save()

    assert menu_labels(client)[0] == "People"


def test_publishing_an_unrelated_page_keeps_the_cached_menu(
    client, menu_site, homes, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    assert menu_labels(client)[0] == "Team"
    with django_capture_on_commit_callbacks(execute=True):
        StandardPageFactory(parent=menu_site["about"], title="Elsewhere", show_in_menus=False)

    with django_assert_max_num_queries(100) as after:
        assert menu_labels(client)[0] == "Team"
    assert not [q["sql"] for q in after.captured_queries if "navigation" in q["sql"]]
