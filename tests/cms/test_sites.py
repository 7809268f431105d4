"""The request's site is found without a query (cms.sites), as Wagtail would find it, and a
change to a site or to a home page shows at the next request."""

from wagtail.models import Site
from wagtail.models.sites import get_site_for_hostname

import pytest

from cms import sites

pytestmark = pytest.mark.django_db


@pytest.fixture
def several(homes):
    default = Site.objects.get(is_default_site=True)
    fr = homes["fr"]
    Site.objects.create(hostname="villes.example.org", port=80, root_page=fr)
    Site.objects.create(hostname="villes.example.org", port=8080, root_page=homes["ar"])
    Site.objects.create(hostname="cities.example.org", port=443, root_page=homes["es"])
    return default


@pytest.mark.parametrize(
    "hostname, port",
    [
        ("villes.example.org", 80),
        ("villes.example.org", 8080),
        ("villes.example.org", 9999),
        ("cities.example.org", 80),
        ("cities.example.org", 443),
        ("localhost", 80),
        ("unknown.example.org", 80),
    ],
)
def test_the_site_wagtail_would_choose(several, hostname, port):
    try:
        expected = get_site_for_hostname(hostname, port)
    except Site.DoesNotExist:
        expected = None
    found = sites.find(hostname, port)
    assert (found and found.pk) == (expected and expected.pk)
    if found is not None:
        assert found.root_page.pk == expected.root_page.pk


def test_no_site_is_known_without_a_default(homes):
    Site.objects.update(is_default_site=False)
    sites.changed()
    assert sites.find("nowhere.example.org", 80) is None


def test_requests_ask_the_database_for_no_site(client, homes, django_assert_max_num_queries):
    client.get("/en/")
    with django_assert_max_num_queries(50) as queries:
        assert client.get("/en/").status_code == 200
    assert not [q for q in queries.captured_queries if '"wagtailcore_site"' in q["sql"]]


def test_a_changed_site_and_a_published_home_show_at_once(homes):
    site = sites.find("localhost", 80)
    Site.objects.create(hostname="villes.example.org", port=80, root_page=homes["fr"])
    assert sites.find("villes.example.org", 80).root_page.pk == homes["fr"].pk

    home = homes["en"]
    home.title = "Urban SDG Platform"
    home.save_revision().publish()
    assert sites.find("localhost", 80).root_page.title == "Urban SDG Platform"
    assert site.root_page.title != "Urban SDG Platform"


def test_each_call_gets_instances_of_its_own(homes):
    first, second = sites.find("localhost", 80), sites.find("localhost", 80)
    assert first is not second and first.root_page is not second.root_page
    first.root_page.title = "Changed in one request"
    assert second.root_page.title != "Changed in one request"


def test_the_root_paths_wagtail_would_compute(several):
    # A site whose root is below another's: its paths must come before the outer site's.
    nested = several.root_page.add_child(
        instance=type(several.root_page)(title="Nested", slug="nested")
    )
    Site.objects.create(hostname="nested.example.org", port=80, root_page=nested)
    Site.clear_site_root_paths_cache()
    assert nested.url_path.startswith(several.root_page.url_path)
    assert sites.site_root_paths() == Site.get_site_root_paths()


def test_the_root_paths_follow_a_renamed_home(homes):
    home = homes["fr"]
    home.slug = "accueil"
    home.save_revision().publish()
    Site.clear_site_root_paths_cache()
    assert sites.site_root_paths() == Site.get_site_root_paths()
    home.refresh_from_db()
    assert home.url_path.endswith("/accueil/")
    assert any(path.root_path == home.url_path for path in sites.site_root_paths())


def test_pages_are_linked_without_reading_the_root_paths_from_the_cache(client, homes):
    from django.core.cache import cache

    client.get("/en/")
    cache.delete("wagtail_site_root_paths", version=2)
    assert client.get("/en/").status_code == 200
    assert cache.get("wagtail_site_root_paths", version=2) is None
