"""The admin for each role: what waits for the user on the dashboard, every snippet type at
/admin/snippets/, and snippet lists in the user's language until another is chosen."""

from django.contrib.auth import get_user_model

from wagtail.users.models import UserProfile

import pytest
from bs4 import BeautifulSoup

from knowledge.models import InitiativeComment, Registration, Theme

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    user = get_user_model().objects.create_superuser("boss", "boss@example.org", "pw")
    client.force_login(user)
    return client


def waiting_rows(response):
    panel = (
        BeautifulSoup(response.content, "html.parser")
        .select_one("#waiting-for-you-title")
        .find_parent("section")
    )
    return {
        row.a.get_text(strip=True): int(row.select("td")[1].get_text())
        for row in panel.select("tbody tr")
    }, panel


def test_the_dashboard_says_what_waits_and_links_to_it(admin_client, homes):
    for status in ("pending", "approved"):
        user = get_user_model().objects.create_user(status, f"{status}@example.org", "pw")
        Registration.objects.create(
            user=user,
            name="Applicant",
            email=f"{status}@example.org",
            position="Planner",
            organisation="City",
            motivation="To share",
            status=status,
        )
    InitiativeComment.objects.create(page=homes["en"], body="Please review", language="en")

    rows, panel = waiting_rows(admin_client.get("/admin/"))

    assert rows == {"Requests to join": 1, "Comments to review": 1}
    links = {a.get_text(strip=True): a["href"] for a in panel.select("a")}
    assert links["Requests to join"] == "/admin/registrations/"
    assert links["Comments to review"] == "/admin/comments/"


def test_nothing_waiting_is_said_and_rows_follow_permissions(client, homes):
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    InitiativeComment.objects.create(page=homes["en"], body="Please review", language="en")
    client.force_login(editor)

    response = client.get("/admin/")

    assert response.status_code == 200
    assert "Nothing is waiting for you." in response.content.decode()
    assert "Comments to review" not in response.content.decode()


def test_snippets_index_lists_the_snippet_types_instead_of_redirecting(admin_client):
    response = admin_client.get("/admin/snippets/")

    assert response.status_code == 200
    text = response.content.decode()
    for name in ("Themes", "SDG targets"):
        assert name.lower() in text.lower()


def test_snippet_lists_show_the_users_language_until_another_is_chosen(admin_client):
    user = get_user_model().objects.get(username="boss")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    french = Theme.objects.filter(locale__language_code="fr").count()
    assert french and Theme.objects.count() == 6 * french

    def languages(response):
        rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
        return [row.select("td")[-1].get_text(strip=True) for row in rows]

    listed = languages(admin_client.get("/admin/snippets/knowledge/theme/"))
    assert listed == ["Français"] * french

    # "All" (an empty locale) lists every language, a page of them at a time.
    everything = languages(admin_client.get("/admin/snippets/knowledge/theme/", {"locale": ""}))
    assert len(set(everything)) > 1

    english = admin_client.get("/admin/snippets/knowledge/theme/", {"locale": "en"})
    assert set(languages(english)) == {"Anglais"}


# Tools are no longer snippets: they moved into the library as translatable pages
# (library.LibraryItemPage), which the page explorer lists per language.
@pytest.mark.parametrize("model", ["certificationstage", "certifyingbody"])
def test_certification_snippet_lists_show_the_users_language_too(admin_client, model):
    user = get_user_model().objects.get(username="boss")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = "fr"
    profile.save()
    url = f"/admin/snippets/certification/{model}/"

    def languages(response):
        assert response.status_code == 200
        rows = BeautifulSoup(response.content, "html.parser").select("tbody tr")
        return {row.select("td")[-1].get_text(strip=True) for row in rows}

    assert languages(admin_client.get(url)) == {"Français"}
    assert len(languages(admin_client.get(url, {"locale": ""}))) > 1
