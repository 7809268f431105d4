"""The translation desk: counts and links to the work of one language, and its dashboard panel."""

from django.contrib.auth.models import Permission
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wagtail.models import Locale, Page

import pytest

from knowledge.languages.desk import translation_desk
from knowledge.languages.review import submit_for_review
from knowledge.models import Theme
from pages.models import StandardPage
from tests.factories import StandardPageFactory, client_for, make_user

pytestmark = pytest.mark.django_db

DESK = "/admin/translations/"


def counts(user, code="fr"):
    return {key: section.count for key, section in translation_desk(user, code).items()}


def translate(user, page):
    url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
    fr = Locale.objects.get(language_code="fr")
    assert client_for(user).post(url, {"locales": [fr.pk]}).status_code == 302
    return StandardPage.objects.get(translation_key=page.translation_key, locale=fr)


def test_the_counts_follow_the_work(translator, homes, admin_user):
    before = counts(translator)
    english = StandardPageFactory(parent=homes["en"], title="Mobility plan")
    Theme.objects.create(code="heritage", title="Heritage", locale=homes["en"].locale)
    after = counts(translator)
    assert after["missing"] == before["missing"] + 2  # the page and the theme

    french = translate(translator, english)
    expected = dict(before, in_progress=before["in_progress"] + 1)
    expected["missing"] = before["missing"] + 1
    assert counts(translator) == expected

    submit_for_review(french, translator)
    expected.update(in_progress=before["in_progress"], awaiting_review=1)
    assert counts(translator) == expected

    reviewer = make_user("relecteur", "Translators: French")
    task_state = french.current_workflow_state.current_task_state
    task_state.task.specific.on_action(task_state, reviewer, "approve")
    expected.update(awaiting_review=0, recently_published=before["recently_published"] + 1)
    assert counts(translator) == expected

    english.title = "Mobility plan 2030"
    english.save_revision(user=admin_user).publish()
    expected.update(out_of_date=before["out_of_date"] + 1)
    assert counts(translator) == expected
    # Other languages are not concerned by the French work.
    assert counts(make_user("es", "Translators: Spanish"), "es")["awaiting_review"] == 0


def test_the_desk_links_to_the_work(translator, homes):
    english = StandardPageFactory(parent=homes["en"], title="Mobility plan")
    client = client_for(translator)

    response = client.get(DESK)
    assert response.status_code == 200
    content = response.content.decode()
    translate_url = reverse("wagtail_localize:submit_page_translation", args=[english.pk])
    assert f'href="{translate_url}?select_locale=fr"' in content

    french = translate(translator, english)
    submit_for_review(french, translator)
    content = client.get(DESK).content.decode()
    review_url = reverse("knowledge_translation_review", args=[french.pk])
    assert f'href="{review_url}"' in content
    assert 'data-desk-count="awaiting_review">1<' in content


def test_the_desk_shows_only_the_translators_languages(homes):
    both = make_user("both", "Translators: French", "Translators: Spanish")
    response = client_for(both).get(DESK, {"language": "ar"})
    assert response.context["selected"] == "fr"
    assert [code for code, _name in response.context["languages"]] == ["fr", "es"]
    assert client_for(both).get(DESK, {"language": "es"}).context["selected"] == "es"


def test_nobody_else_sees_the_desk(homes):
    user = make_user("reader")
    user.user_permissions.add(Permission.objects.get(codename="access_admin"))
    response = client_for(user).get(DESK)
    assert response.status_code == 403 or response["Location"] == "/admin/"
    dashboard = client_for(user).get("/admin/").content.decode()
    assert "translation-desk-panel" not in dashboard


def test_the_dashboard_shows_the_desk_to_translators(translator, homes):
    StandardPageFactory(parent=homes["en"], title="Mobility plan")
    dashboard = client_for(translator).get("/admin/").content.decode()
    assert "translation-desk-panel" in dashboard
    missing = counts(translator)["missing"]
    assert f'href="{DESK}?language=fr#desk-missing">{missing}</a>' in dashboard


def test_the_desk_costs_the_same_number_of_queries_for_more_pages(
    translator, homes, django_assert_max_num_queries
):
    client = client_for(translator)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(DESK).status_code == 200
        return len(captured)

    english = StandardPageFactory(parent=homes["en"], title="First")
    translate(translator, english)
    few = queries()
    for number in range(6):
        page = StandardPageFactory(parent=homes["en"], title=f"Page {number}")
        if number % 2:
            translate(translator, page)
    assert queries() == few
    with django_assert_max_num_queries(35):
        client.get(DESK)
    assert Page.objects.filter(locale__language_code="fr").count() > 4
