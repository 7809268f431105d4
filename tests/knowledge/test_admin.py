"""Editors create initiatives in the Wagtail admin, in any language, with clear validation."""

from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest
from bs4 import BeautifulSoup

from knowledge.models import (
    CityPage,
    InitiativePage,
    SDGTarget,
    SustainableDevelopmentGoal,
    Theme,
)

pytestmark = pytest.mark.django_db


def add_url(city):
    return f"/admin/pages/add/knowledge/initiativepage/{city.pk}/"


def form_data(city, **overrides):
    locale = city.locale
    goal = SustainableDevelopmentGoal.objects.get(number=11, locale=locale)
    data = {
        "title": "Bus rapid transit",
        "slug": "bus-rapid-transit",
        "summary": "Dedicated bus lanes across the city.",
        "background": rich_text("<p>Congestion.</p>"),
        "actions": rich_text("<p>Lanes were built.</p>"),
        "impacts": rich_text("<p>Faster journeys.</p>"),
        "budget": rich_text("<p>City budget.</p>"),
        "sdgs": [goal.pk],
        "themes": [Theme.objects.get(code="transport", locale=locale).pk],
        "targets": [SDGTarget.objects.get(code="11.2", locale=locale).pk],
        "media": streamfield([]),
        "start_year": "2019",
        "end_year": "",
        "status": "ongoing",
        "implementing_agencies": "Transport department",
        "partners": "",
        "contact_name": "",
        "contact_role": "",
        "contact_email": "",
        "contact_phone": "",
        "policy_url": "",
        "action-publish": "publish",
    }
    data.update(overrides)
    # nested_form_data would turn lists into formset rows; multiple choices stay lists.
    choices = {name: data.pop(name) for name in ("sdgs", "themes", "targets")}
    return {**nested_form_data(data), **choices}


@pytest.mark.usefixtures("demo_content")
def test_add_form_offers_only_the_goals_and_themes_of_the_pages_language(admin_client):
    french_seoul = CityPage.objects.get(slug="seoul", locale__language_code="fr")

    page = BeautifulSoup(admin_client.get(add_url(french_seoul)).content, "html.parser")

    goal_labels = [
        label.get_text(strip=True)
        for label in page.select("[name=sdgs] + *, label:has(input[name=sdgs])")
    ]
    text = " ".join(goal_labels)
    assert "Villes et communautés durables" in text
    assert "Sustainable cities and communities" not in text
    target_options = page.select("select[name=targets] option")
    assert len(target_options) == 169
    assert all(option.get_text().split()[0].count(".") == 1 for option in target_options)


@pytest.mark.usefixtures("demo_content")
def test_editor_publishes_an_initiative_under_a_city(admin_client):
    french_seoul = CityPage.objects.get(slug="seoul", locale__language_code="fr")

    response = admin_client.post(add_url(french_seoul), form_data(french_seoul))

    assert response.status_code == 302
    page = InitiativePage.objects.get(slug="bus-rapid-transit")
    assert page.live
    assert page.locale.language_code == "fr"
    assert page.city == french_seoul
    assert [goal.number for goal in page.sdgs.all()] == [11]
    assert [target.code for target in page.targets.all()] == ["11.2"]
    assert page.sdgs.get().locale == page.locale


def test_targets_must_belong_to_the_chosen_goals(admin_client, seoul):
    stray = SDGTarget.objects.get(code="13.1", locale=seoul.locale)

    response = admin_client.post(add_url(seoul), form_data(seoul, targets=[stray.pk]))

    assert response.status_code == 200
    content = response.content.decode()
    assert "These targets belong to goals that are not selected: 13.1" in content
    assert 'value="Bus rapid transit"' in content  # what was typed is kept
    assert not InitiativePage.objects.filter(slug="bus-rapid-transit").exists()


def test_end_year_cannot_precede_start_year(admin_client, seoul):
    response = admin_client.post(
        add_url(seoul), form_data(seoul, start_year="2020", end_year="2018")
    )

    assert response.status_code == 200
    assert "The end year cannot be before the start year." in response.content.decode()
    assert not InitiativePage.objects.filter(slug="bus-rapid-transit").exists()


def test_error_messages_follow_the_editors_language(admin_client, seoul, admin_user):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(admin_user)
    profile.preferred_language = "fr"
    profile.save()
    stray = SDGTarget.objects.get(code="13.1", locale=seoul.locale)

    response = admin_client.post(add_url(seoul), form_data(seoul, targets=[stray.pk]))

    text = BeautifulSoup(response.content, "html.parser").get_text()
    assert "Ces cibles relèvent d'objectifs qui ne sont pas sélectionnés\xa0: 13.1" in text


def test_initiatives_can_only_go_under_cities(admin_client, english_cities):
    response = admin_client.get(f"/admin/pages/add/knowledge/initiativepage/{english_cities.pk}/")

    assert response.status_code == 302  # Wagtail refuses and sends the editor back
    assert not InitiativePage.objects.filter(depth=english_cities.depth + 1).exists()
    add_child = admin_client.get(f"/admin/pages/{english_cities.pk}/add_subpage/")
    assert "initiativepage" not in add_child.content.decode()
