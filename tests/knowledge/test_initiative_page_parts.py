"""The parts of an initiative page that are the same for every reader are kept between requests
(knowledge.base.cache_tags.page_fragment): its related initiatives, the sections other apps add
(awards, replications) and whether its city can be written to. Each change that shows on them
shows at once, a preview is never kept, and a page read again asks the database little."""

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from knowledge.base import cache_tags
from knowledge.models import CityMembership
from tests.factories import CityIndexPageFactory, CityPageFactory, InitiativePageFactory, make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def city(homes, fragments, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        cities = CityIndexPageFactory(parent=homes["en"])
        quito = CityPageFactory(parent=cities, title="Quito", country="EC")
        lanes = InitiativePageFactory(parent=quito, title="Bus lanes", sdgs=[11])
        for title in ("Cycle paths", "Tram lines"):
            InitiativePageFactory(parent=quito, title=title, sdgs=[11])
    return {"city": quito, "page": lanes}


def related_titles(client, page):
    html = BeautifulSoup(client.get(page.url).content, "html.parser")
    return [title.get_text(strip=True) for title in html.select(".related .card__title")]


def test_related_initiatives_are_kept_until_one_of_them_changes(
    client, city, django_capture_on_commit_callbacks, django_assert_max_num_queries
):
    page = city["page"]
    assert related_titles(client, page) == ["Cycle paths", "Tram lines"]
    with django_assert_max_num_queries(40) as read_again:
        assert related_titles(client, page) == ["Cycle paths", "Tram lines"]
    assert not [q for q in read_again.captured_queries if "relatedinitiatives" in q["sql"]]

    cycle = page.get_siblings().get(title="Cycle paths").specific
    with django_capture_on_commit_callbacks(execute=True):
        cycle.title = "Protected cycle paths"
        cycle.save_revision().publish()
    assert related_titles(client, page) == ["Protected cycle paths", "Tram lines"]

    with django_capture_on_commit_callbacks(execute=True):
        cycle.unpublish()
    assert related_titles(client, page) == ["Tram lines"]

    tram = page.get_siblings().get(title="Tram lines")
    with django_capture_on_commit_callbacks(execute=True):
        PageViewRestriction.objects.create(page=tram, restriction_type=PageViewRestriction.LOGIN)
    assert related_titles(client, page) == []


def test_the_city_becomes_reachable_at_once(client, city, django_capture_on_commit_callbacks):
    page = city["page"]

    def has_contact_form():
        html = BeautifulSoup(client.get(page.url).content, "html.parser")
        return html.select_one("form textarea[name=contact-message]") is not None

    assert not has_contact_form()
    user = make_user("quito.focal")
    user.email = "focal@quito.example.org"
    user.save()
    with django_capture_on_commit_callbacks(execute=True):
        CityMembership.objects.create(
            user=user, city_key=city["city"].translation_key, is_focal_point=True
        )
    assert has_contact_form()


def test_tags_named_while_a_part_is_built_are_kept_with_it(
    fragments, django_capture_on_commit_callbacks
):
    from cms.invalidation import purge

    built = []

    def build():
        built.append(1)
        cache_tags.add("awards")  # as the awards section names what it shows
        return len(built)

    assert cache_tags.fragment("part", {"page-1"}, build) == 1
    assert cache_tags.fragment("part", {"page-1"}, build) == 1
    with django_capture_on_commit_callbacks(execute=True):
        purge({"awards"})
    assert cache_tags.fragment("part", {"page-1"}, build) == 2


def test_a_preview_is_built_each_time(rf, city):
    request = rf.get("/")
    request.is_preview = True
    built = []
    for _ in range(2):
        cache_tags.page_fragment(request, city["page"], "part", lambda: built.append(1))
    assert len(built) == 2


def test_a_page_read_again_asks_the_database_little(client, city, django_assert_max_num_queries):
    page = city["page"]
    client.get(page.url)
    with django_assert_max_num_queries(16):
        assert client.get(page.url).status_code == 200
