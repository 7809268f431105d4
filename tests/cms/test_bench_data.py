"""The benchmark data: each generated initiative in six languages, written once."""

from io import StringIO

from django.core.management import call_command
from django.utils.html import escape

from wagtail.models import Page

import pytest

from knowledge.models import CityPage, InitiativePage

pytestmark = pytest.mark.django_db

LANGUAGES = {"en", "ar", "es", "fr", "ru", "zh-hans"}


def generate(count):
    out = StringIO()
    call_command("generate_bench_data", initiatives=count, stdout=out)
    return out.getvalue()


@pytest.fixture
def indexing(monkeypatch):
    """The commands the generator calls (update_index), recorded instead of run."""
    calls = []
    monkeypatch.setattr(
        "bench.management.commands.generate_bench_data.call_command",
        lambda name, **options: calls.append(name),
    )
    return calls


def group(number):
    return list(
        InitiativePage.objects.filter(slug=f"benchmark-initiative-{number}")
        .select_related("locale")
        .prefetch_related("sdgs", "themes")
    )


def test_each_initiative_is_live_in_six_languages_under_its_city_translations(
    demo_content, indexing
):
    generate(2)
    assert indexing == ["update_index"]

    for number in (1, 2):
        pages = group(number)
        assert {page.locale.language_code for page in pages} == LANGUAGES
        assert len({page.translation_key for page in pages}) == 1
        assert len({page.title for page in pages}) == 6
        assert all(page.live and not page.has_unpublished_changes for page in pages)
        english = next(page for page in pages if page.locale.language_code == "en")
        english_city = CityPage.objects.get(pk=english.city_id)
        for page in pages:
            parent = page.get_parent().specific
            assert isinstance(parent, CityPage)
            assert parent.pk == page.city_id
            assert parent.locale_id == page.locale_id
            assert parent.translation_key == english_city.translation_key
            assert page.url_path == f"{parent.url_path}benchmark-initiative-{number}/"
            assert sorted(goal.number for goal in page.sdgs.all()) == sorted(
                goal.number for goal in english.sdgs.all()
            )
            assert len(page.sdgs.all()) == 2
            assert {theme.code for theme in page.themes.all()} == {
                theme.code for theme in english.themes.all()
            }
            assert len(page.themes.all()) == 2
    assert all(not problems for problems in Page.find_problems())


def test_generated_pages_are_served_and_searchable_in_their_language(client, demo_content):
    generate(1)
    french = next(page for page in group(1) if page.locale.language_code == "fr")

    response = client.get(french.url)
    assert response.status_code == 200
    assert escape(french.title) in response.content.decode()

    goal = french.sdgs.first().number
    listing = client.get(
        "/api/v2/pages/",
        {"type": "knowledge.InitiativePage", "locale": "fr", "sdg": goal, "limit": 100},
    ).json()
    assert french.pk in [item["id"] for item in listing["items"]]

    word = french.title.split(": ")[1].split()[0].lower()
    results = client.get("/api/v2/search/", {"q": word, "locale": "fr", "limit": 100}).json()
    assert french.pk in [item["id"] for item in results["items"]]


def test_running_again_adds_only_what_is_missing(demo_content, indexing):
    generate(2)
    spanish = next(page for page in group(1) if page.locale.language_code == "es")
    title, key = spanish.title, spanish.translation_key
    spanish.delete()

    assert "7 pages added" in generate(3)

    pages = group(1)
    assert len(pages) == 6
    recreated = next(page for page in pages if page.locale.language_code == "es")
    assert (recreated.title, recreated.translation_key) == (title, key)
    assert InitiativePage.objects.filter(slug__startswith="benchmark-initiative-").count() == 18
    assert "0 pages added" in generate(3)
    assert indexing == ["update_index", "update_index"]
    assert all(not problems for problems in Page.find_problems())
