"""Pages are found in two queries whatever their depth (pages.routing), with Wagtail's answers:
the same page, the same 404s, routable pages handed what remains of the path, and the
breadcrumbs' ancestors known without asking again."""

from django.http import Http404
from django.test import RequestFactory

from wagtail.models import Page

import pytest

from pages import routing
from tests.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
    StandardPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def tree(homes):
    home = homes["en"]
    cities = CityIndexPageFactory(parent=home)
    quito = CityPageFactory(parent=cities, title="Quito", slug="quito")
    lanes = InitiativePageFactory(parent=quito, title="Bus lanes", slug="bus-lanes")
    draft = InitiativePageFactory(parent=quito, title="Draft", slug="draft", live=False)
    # A slug used twice, at different places: only the one on the path counts.
    about = StandardPageFactory(parent=home, title="About", slug="quito-about")
    StandardPageFactory(parent=about, title="Bus lanes elsewhere", slug="bus-lanes")
    index = InitiativeIndexPageFactory(parent=home)
    return {"home": home, "quito": quito, "lanes": lanes, "draft": draft, "index": index}


def same_view(args):
    return [getattr(arg, "__func__", arg) for arg in args]


def wagtails(root, path):
    """Wagtail's own walk, one level at a time."""
    request = RequestFactory().get("/")
    components = [part for part in path.split("/") if part]
    return Page.route(root, request, components)


def ours(root, path):
    request = RequestFactory().get("/")
    return routing.route(root, request, [part for part in path.split("/") if part])


@pytest.mark.parametrize(
    "path",
    [
        "",
        "cities/",
        "cities/quito/",
        "cities/quito/bus-lanes/",
        "quito-about/bus-lanes/",
        "initiatives/",
        "initiatives/export/csv/",
    ],
)
def test_the_same_page_as_wagtails_walk(tree, path):
    expected, found = wagtails(tree["home"], path), ours(tree["home"], path)
    assert found.page.pk == expected.page.pk
    assert type(found.page) is type(expected.page)
    # A routable page's view: the same method, of another instance of the same page.
    assert same_view(found.args) == same_view(expected.args)
    assert found.kwargs == expected.kwargs


@pytest.mark.parametrize(
    "path",
    [
        "nope/",
        "cities/nope/",
        "cities/quito/nope/",
        "cities/quito/draft/",  # not live
        "cities/bus-lanes/",  # a slug of the tree, not below this page
        "quito/",
        "cities/quito/bus-lanes/more/",
    ],
)
def test_the_same_404s(tree, path):
    with pytest.raises(Http404):
        wagtails(tree["home"], path)
    with pytest.raises(Http404):
        ours(tree["home"], path)


def test_an_initiative_four_levels_down_takes_two_queries(tree, django_assert_num_queries):
    with django_assert_num_queries(2):
        result = ours(tree["home"], "cities/quito/bus-lanes/")
    assert result.page.title == "Bus lanes"
    # The parent and the breadcrumbs' ancestors come with it.
    with django_assert_num_queries(0):
        assert result.page.get_parent().pk == tree["quito"].pk
        above = routing.ancestors(result.page)
    assert [page.title for page in above] == [
        page.title for page in tree["lanes"].get_ancestors().filter(depth__gt=1)
    ]


def test_a_routable_page_gets_the_rest_of_the_path(client, tree):
    # The initiatives database serves its exports from its own routes.
    response = client.get("/en/initiatives/export/csv/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert client.get("/en/initiatives/nope/").status_code == 404


def test_pages_are_served_at_their_addresses(client, tree):
    assert client.get("/en/cities/quito/bus-lanes/").status_code == 200
    assert client.get("/en/cities/quito/draft/").status_code == 404
    assert client.get("/en/cities/quito/nope/").status_code == 404
    response = client.get("/en/quito-about/bus-lanes/")
    assert response.status_code == 200
    assert b"Bus lanes elsewhere" in response.content


def test_breadcrumbs_name_every_ancestor(client, tree):
    response = client.get("/en/cities/quito/bus-lanes/")
    crumbs = response.content.decode()
    assert 'href="/en/cities/"' in crumbs
    assert 'href="/en/cities/quito/"' in crumbs
