"""Key fields (codes, numbers, colours, a menu's slot and links) are the same in every language:
not the translators' to change; and translations are not stopped to be edited apart."""

from django.urls import reverse

from wagtail_localize.models import Translation

import pytest

from knowledge.models import SDGTarget, SustainableDevelopmentGoal

from .translator_helpers import (
    draft_of,
    initiative,
    main_menu,
    menu_url,
    theme,
    theme_url,
    translation_of,
)

pytestmark = pytest.mark.django_db


# Key fields: the same in every language, not the translator's to change


def goal_url(action, row):
    return reverse(f"wagtailsnippets_knowledge_sustainabledevelopmentgoal:{action}", args=[row.pk])


def target_url(action, row):
    return reverse(f"wagtailsnippets_knowledge_sdgtarget:{action}", args=[row.pk])


def test_translator_changes_a_themes_title_but_not_its_code(translator_client):
    french = theme("fr")
    form = translator_client.get(theme_url("edit", french)).context["form"]
    assert form.fields["code"].disabled and not form.fields["title"].disabled

    response = translator_client.post(
        theme_url("edit", french), {"code": "transport-fr", "title": "Mobilité", "description": ""}
    )

    assert response.status_code == 302
    draft = draft_of(french)
    assert (draft.code, draft.title) == ("transport", "Mobilité")


def test_translator_changes_a_goals_titles_but_not_its_number_or_colour(translator_client):
    french = SustainableDevelopmentGoal.objects.get(number=6, locale__language_code="fr")
    colour = french.color

    response = translator_client.post(
        goal_url("edit", french),
        {"number": "7", "short_title": "Eau", "title": french.title, "color": "#000000"},
    )

    assert response.status_code == 302
    draft = draft_of(french)
    assert (draft.number, draft.color, draft.short_title) == (6, colour, "Eau")


def test_translator_changes_a_targets_text_but_not_its_code_or_goal(translator_client):
    french = SDGTarget.objects.get(code="11.1", locale__language_code="fr")
    other_goal = SustainableDevelopmentGoal.objects.get(number=1, locale__language_code="fr")

    response = translator_client.post(
        target_url("edit", french), {"goal": other_goal.pk, "code": "1.1", "text": "Logement"}
    )

    assert response.status_code == 302
    draft = draft_of(french)
    assert (draft.code, draft.goal.number, draft.text) == ("11.1", 11, "Logement")


def test_whoever_holds_the_permission_outside_translator_groups_changes_key_fields(admin_client):
    french = theme("fr")
    form = admin_client.get(theme_url("edit", french)).context["form"]
    assert not form.fields["code"].disabled


@pytest.mark.usefixtures("demo_content")
def test_translator_cannot_change_a_menus_slot_or_links_nor_add_items(translator_client):
    french = main_menu("fr", "footer")
    # Edited apart from its source, as after "Stop translation": Wagtail's own form.
    Translation.objects.filter(pk=translation_of(french).pk).update(enabled=False)
    response = translator_client.get(menu_url("edit", french))
    form = response.context["form"]
    assert form.fields["slot"].disabled
    items = form.formsets["items"]
    assert all(child.fields["link_url"].disabled for child in items.forms)
    assert all(child.fields["link_page"].disabled for child in items.forms)

    def post(extra):
        data = {"slot": "main", "text": "Pied de page"}
        count = len(items.forms)
        data.update({"items-TOTAL_FORMS": str(count + extra), "items-INITIAL_FORMS": str(count)})
        data.update({"items-MIN_NUM_FORMS": "0", "items-MAX_NUM_FORMS": "1000"})
        for index, child in enumerate(items.forms):
            item = child.instance
            data.update(
                {
                    f"items-{index}-id": str(item.pk),
                    f"items-{index}-label": f"Lien {index}",
                    f"items-{index}-link_url": "https://evil.example.org/",
                    f"items-{index}-link_page": "",
                    f"items-{index}-ORDER": str(index + 1),
                    f"items-{index}-DELETE": "on" if index == 0 else "",
                }
            )
        if extra:
            data.update({f"items-{count}-label": "Ajouté", f"items-{count}-link_url": "/x/"})
        return translator_client.post(menu_url("edit", french), data)

    links = sorted((item.pk, item.link_url, item.link_page_id) for item in french.items.all())
    assert post(extra=1).status_code == 200  # refused: an item added
    assert post(extra=0).status_code == 302

    draft = draft_of(french)
    assert draft.slot == "footer"
    assert draft.text == "Pied de page"
    assert sorted((i.pk, i.link_url, i.link_page_id) for i in draft.items.all()) == links
    assert [item.label for item in draft.items.all()] == [f"Lien {n}" for n in range(len(links))]


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize("instance", [lambda: initiative("fr"), lambda: main_menu("fr", "footer")])
def test_translator_cannot_stop_a_translation_to_edit_it_apart_from_its_source(
    translator_client, instance
):
    editing = translation_of(instance())
    url = reverse("wagtail_localize:stop_translation", args=[editing.pk])

    assert translator_client.post(url).status_code == 403
    assert Translation.objects.get(pk=editing.pk).enabled


@pytest.mark.usefixtures("demo_content")
def test_whoever_starts_translations_may_stop_one(admin_client):
    editing = translation_of(initiative("fr"))
    url = reverse("wagtail_localize:stop_translation", args=[editing.pk])

    admin_client.post(url)

    assert not Translation.objects.get(pk=editing.pk).enabled
