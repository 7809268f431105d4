"""Translations say whether they are up to date with their source: in the API and the admin."""

from django.contrib.auth import get_user_model
from django.test import Client

import pytest

from .conftest import soup
from .members import make_member, member_client

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(db):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    client = Client()
    client.force_login(user)
    return client


def status(client, page):
    return client.get(f"/api/v2/pages/{page.pk}/").json()["meta"]["translation_status"]


def change_source(page, summary):
    page.summary = summary
    page.save_revision().publish()


def test_api_says_whether_a_translation_is_up_to_date(client, demo_initiative):
    english, french = demo_initiative("en"), demo_initiative("fr")
    assert status(client, english) is None  # the source is not a translation
    before = status(client, french)
    assert before["source_locale"] == "en"
    assert before["source_page"] == english.pk
    assert before["up_to_date"] is True

    change_source(english, "A new English summary.")

    after = status(client, french)
    assert after["up_to_date"] is False
    assert after["source_published_at"] > after["synced_at"]
    listing = client.get(
        "/api/v2/pages/",
        {"type": "knowledge.InitiativePage", "locale": "fr", "fields": "translation_status"},
    ).json()["items"]
    states = {item["id"]: item["meta"]["translation_status"]["up_to_date"] for item in listing}
    assert states[french.pk] is False
    assert sum(1 for up_to_date in states.values() if not up_to_date) == 1


def test_admin_reports_out_of_date_translations_and_updates_them(admin_client, demo_initiative):
    english, french = demo_initiative("en"), demo_initiative("fr")
    report = "/admin/reports/out-of-date-translations/"
    assert "Every translation is up to date" in admin_client.get(report).content.decode()

    change_source(english, "A new English summary.")

    page = soup(admin_client.get(report))
    french_rows = page.select_one("#language-fr").find_next("table").select("tbody tr")
    assert [row.a.text for row in french_rows] == [french.title]
    assert page.select_one("#language-es") is not None
    assert len(soup(admin_client.get(report, {"language": "fr"})).select("h2")) == 1
    edit = admin_client.get(f"/admin/pages/{french.pk}/edit/")
    assert "This translation is out of date" in edit.content.decode()

    update = page.select_one("#language-fr").find_next("table").select_one("a.button")["href"]
    response = admin_client.post(update, {"publish_translations": "on"})
    assert response.status_code == 302
    assert "Every translation is up to date" in admin_client.get(report).content.decode()
    french.refresh_from_db()
    assert french.live


def test_report_shows_only_pages_the_user_may_edit(demo_initiative, seoul):
    change_source(demo_initiative("en"), "A new English summary.")
    member = member_client(make_member(seoul, "member@seoul.example.org"))
    response = member.get("/admin/reports/out-of-date-translations/")
    assert response.status_code == 200
    assert demo_initiative("fr").title not in response.content.decode()
