"""The SDGs, targets and themes exist in every language, from the official data."""

import unicodedata
from io import StringIO

from django.core.management import call_command

import pytest

from knowledge.models import SDGTarget, SustainableDevelopmentGoal, Theme
from tests.conftest import LANGUAGE_CODES

pytestmark = pytest.mark.django_db

SEED_THEMES = {
    "housing",
    "transport",
    "water-sanitation",
    "waste",
    "environment-resilience",
    "economy-jobs",
    "social-inclusion",
    "governance",
    "energy",
    "health",
    "food",
    "culture",
    "digital",
}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_seventeen_goals_and_169_targets_in_each_language(code):
    goals = SustainableDevelopmentGoal.objects.filter(locale__language_code=code)
    assert sorted(goals.values_list("number", flat=True)) == list(range(1, 18))
    assert SDGTarget.objects.filter(locale__language_code=code).count() == 169
    assert all(goal.short_title and goal.title for goal in goals)


@pytest.mark.parametrize(
    "code, short_title",
    [
        ("en", "Sustainable cities and communities"),
        ("fr", "Villes et communautés durables"),
        ("es", "Ciudades y comunidades sostenibles"),
        ("ru", "Устойчивые города и населенные пункты"),
        ("zh-hans", "可持续的城市和社区"),
        ("ar", "المدن والمجتمعات المستدامة"),
    ],
)
def test_goal_eleven_has_its_official_title_and_colour(code, short_title):
    goal = SustainableDevelopmentGoal.objects.get(number=11, locale__language_code=code)
    assert goal.short_title == short_title
    assert goal.color == "#FD9D24"


def test_rows_of_one_goal_share_a_translation_key():
    keys = SustainableDevelopmentGoal.objects.filter(number=13).values_list(
        "translation_key", flat=True
    )
    assert len(keys) == 6
    assert len(set(keys)) == 1


def test_targets_are_ordered_numbers_first_then_letters():
    codes = list(
        SDGTarget.objects.filter(locale__language_code="en", goal__number=11).values_list(
            "code", flat=True
        )
    )
    assert codes == ["11.1", "11.2", "11.3", "11.4", "11.5", "11.6", "11.7", "11.a", "11.b", "11.c"]
    target = SDGTarget.objects.get(code="11.a", locale__language_code="fr")
    assert target.goal.number == 11
    assert target.goal.locale == target.locale


def test_official_texts_use_composed_characters():
    # Some source texts spell "é" as "e" + combining accent, which breaks search and matching.
    texts = SustainableDevelopmentGoal.objects.values_list("title", flat=True)
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)
    texts = SDGTarget.objects.values_list("text", flat=True)
    assert all(unicodedata.is_normalized("NFC", text) for text in texts)


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_seed_themes_exist_in_each_language(code):
    codes = set(Theme.objects.filter(locale__language_code=code).values_list("code", flat=True))
    assert SEED_THEMES <= codes
    french = Theme.objects.get(code="water-sanitation", locale__language_code="fr")
    assert french.title == "Eau et assainissement"


def test_sync_taxonomies_restores_official_texts_and_keeps_editors_themes():
    goal = SustainableDevelopmentGoal.objects.get(number=6, locale__language_code="es")
    goal.short_title = "Changed"
    goal.save()
    theme = Theme.objects.get(code="housing", locale__language_code="en")
    theme.title = "Housing and shelter"
    theme.save()

    output = StringIO()
    call_command("sync_taxonomies", stdout=output)

    goal.refresh_from_db()
    theme.refresh_from_db()
    assert goal.short_title == "Agua Limpia y Saneamiento"  # as the official data writes it
    assert theme.title == "Housing and shelter"
    assert "0 rows created" in output.getvalue()


def test_taxonomies_are_listed_in_the_admin_by_language(admin_client):
    url = "/admin/snippets/knowledge/sustainabledevelopmentgoal/results/"
    english = admin_client.get(url, {"locale": "en"}).content.decode()
    assert "Sustainable cities and communities" in english
    assert "Villes et communautés durables" not in english

    themes = admin_client.get("/admin/snippets/knowledge/theme/results/", {"locale": "fr"})
    assert themes.status_code == 200
    assert "Eau et assainissement" in themes.content.decode()
