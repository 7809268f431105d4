"""My City: from registration to a published initiative, and who may see and change what."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

import pytest

from knowledge.base.spam import new_stamp
from knowledge.initiatives.moderation import submission_state
from knowledge.models import (
    CityPage,
    InitiativeDecision,
    InitiativePage,
    Registration,
)
from knowledge.opendata import files as opendata

from .members import PASSWORD, make_member, member_client
from .my_city_helpers import (
    api_titles,
    english_city,
    link_in,
    listing_titles,
    moderate,
    soup,
    submit,
)

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def test_the_whole_path_from_registration_to_publication(client, moderator, moderator_client):
    seoul = english_city("seoul")

    # Register, verify the address.
    response = client.post(
        "/en/my-city/register/",
        {
            "name": "Lee Seo-yeon",
            "email": "Lee@Seoul.example.org",
            "password": PASSWORD,
            "city": str(seoul.pk),
            "position": "Policy officer",
            "organisation": "Seoul Metropolitan Government",
            "motivation": "To share our heat shelters.",
            "privacy": "on",
            "stamp": new_stamp(),
        },
    )
    assert response.status_code == 302
    registration = Registration.objects.get(email="lee@seoul.example.org")
    assert registration.status == Registration.Status.UNVERIFIED
    assert not registration.user.is_active
    assert (
        client.post(
            "/en/accounts/login/", {"username": "lee@seoul.example.org", "password": PASSWORD}
        ).status_code
        == 200
    )

    (verify_mail,) = mail.outbox
    assert client.get(link_in(verify_mail)).status_code == 200
    registration.refresh_from_db()
    assert registration.status == Registration.Status.PENDING
    assert mail.outbox[-1].to == ["moderator@example.org"]

    # A moderator approves it in the admin.
    listing = moderator_client.get("/admin/registrations/")
    assert "Lee Seo-yeon" in listing.content.decode()
    response = moderator_client.post(
        f"/admin/registrations/inspect/{registration.pk}/",
        {"approve": "", "approve-city": seoul.pk},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="lee@seoul.example.org")
    assert user.is_active
    assert user.city_membership.city_key == seoul.translation_key
    assert "Welcome" in mail.outbox[-1].subject

    # The member signs in and writes a draft in French.
    member = Client()
    response = member.post(
        "/fr/accounts/login/", {"username": "lee@seoul.example.org", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert "Neighbourhood" not in member.get("/fr/my-city/").content.decode()
    response = member.post(
        "/fr/my-city/initiatives/new/",
        {
            "language": "fr",
            "title": "Abris contre la chaleur",
            "status": "ongoing",
            "save": "draft",
        },
    )
    assert response.status_code == 302
    page = InitiativePage.objects.get(title="Abris contre la chaleur")
    assert page.locale.language_code == "fr"
    assert page.get_parent().specific == CityPage.objects.get(slug="seoul", locale=page.locale)
    assert not page.live
    assert submission_state(page).code == "draft"

    # Submitted, it stays invisible everywhere public.
    edit_url = f"/fr/my-city/initiatives/{page.pk}/"
    response = submit(member, edit_url, "submit", title="Abris contre la chaleur")
    assert response.status_code == 302
    page.refresh_from_db()
    assert submission_state(page).code == "in_moderation"
    assert "Abris contre la chaleur" not in listing_titles(client, "/fr/initiatives/")
    assert "Abris contre la chaleur" not in listing_titles(client, "/fr/search/", q="chaleur")
    assert "Abris contre la chaleur" not in api_titles(client, locale="fr")
    assert "Abris contre la chaleur" not in api_titles(client, locale="fr", search="chaleur")

    # The moderator asks for changes; the member is told, with the comment.
    response = moderate(moderator_client, page, "reject", "Please add the budget figures.")
    assert response.status_code in (200, 302)
    assert submission_state(page).code == "changes_requested"
    changes_mail = mail.outbox[-1]
    assert changes_mail.to == ["lee@seoul.example.org"]
    assert "Please add the budget figures." in changes_mail.body
    dashboard = member.get("/fr/my-city/").content.decode()
    assert "Please add the budget figures." in dashboard

    # The member edits and resubmits; the moderator approves.
    response = submit(
        member, edit_url, "submit", title="Abris contre la chaleur", budget="200 000 euros."
    )
    assert response.status_code == 302
    assert submission_state(page).code == "in_moderation"
    moderate(moderator_client, page, "approve")
    page.refresh_from_db()
    assert page.live
    assert page.budget == "<p>200 000 euros.</p>"
    assert "published" in mail.outbox[-1].subject or "publi" in mail.outbox[-1].subject.lower()

    assert "Abris contre la chaleur" in listing_titles(client, "/fr/initiatives/")
    assert "Abris contre la chaleur" in listing_titles(client, "/fr/search/", q="chaleur")
    assert "Abris contre la chaleur" in api_titles(client, locale="fr")
    assert "Abris contre la chaleur" in api_titles(client, locale="fr", search="chaleur")
    assert submission_state(page).code == "published"


def test_editing_a_published_initiative_keeps_the_live_version_until_approved(moderator_client):
    seoul = english_city("seoul")
    member = member_client(make_member(seoul, "editor@seoul.example.org"))
    page = InitiativePage.objects.get(slug="big-data-urban-management", locale__language_code="en")

    response = submit(member, f"/en/my-city/initiatives/{page.pk}/", "submit", title="Renamed")

    assert response.status_code == 302
    page.refresh_from_db()
    assert page.title == "Big data for urban planning and management"
    assert page.live and page.has_unpublished_changes
    assert submission_state(page).code == "in_moderation"
    moderate(moderator_client, page, "approve")
    page.refresh_from_db()
    assert page.title == "Renamed"


def test_moderator_declines_for_good_with_a_reason(moderator_client):
    seoul = english_city("seoul")
    member = member_client(make_member(seoul, "decline@seoul.example.org"))
    submit(member, "/en/my-city/initiatives/new/", "submit", language="en", title="Not for us")
    page = InitiativePage.objects.get(title="Not for us")

    moderate(moderator_client, page, "decline", "Out of the platform's scope.")

    decision = InitiativeDecision.objects.get(page=page)
    assert decision.reason == "Out of the platform's scope."
    state = submission_state(page)
    assert (state.code, state.comment) == ("declined", "Out of the platform's scope.")
    assert "Out of the platform's scope." in mail.outbox[-1].body
    assert "Out of the platform's scope." in soup(member.get("/en/my-city/")).get_text()
    assert member.get(f"/en/my-city/initiatives/{page.pk}/").status_code == 302
    assert not InitiativePage.objects.get(pk=page.pk).live


def test_declining_changes_to_a_live_initiative_keeps_it_live_exported_and_editable(
    moderator_client,
):
    seoul = english_city("seoul")
    member = member_client(make_member(seoul, "changes@seoul.example.org"))
    page = InitiativePage.objects.get(slug="big-data-urban-management", locale__language_code="en")
    live_title = page.title
    submit(member, f"/en/my-city/initiatives/{page.pk}/", "submit", title="Rewritten")

    moderate(moderator_client, page, "decline", "These figures are not sourced.")

    page = InitiativePage.objects.get(pk=page.pk)
    assert page.live and page.title == live_title and not page.has_unpublished_changes
    assert not InitiativeDecision.objects.filter(page=page, revision__isnull=True).exists()
    state = submission_state(page)
    assert (state.code, state.comment, state.changes_declined, state.can_edit) == (
        "published",
        "These figures are not sourced.",
        True,
        True,
    )
    assert "declined your latest changes" in mail.outbox[-1].body
    assert mail.outbox[-1].subject == f"Your changes to the initiative “{live_title}” were declined"
    assert page.translation_key in opendata.exported_pages().values_list(
        "translation_key", flat=True
    )
    # The city edits from the live version and may submit again.
    form = member.get(f"/en/my-city/initiatives/{page.pk}/")
    assert form.status_code == 200
    assert live_title in form.content.decode()
    assert "Your latest changes were declined" in form.content.decode()
    submit(member, f"/en/my-city/initiatives/{page.pk}/", "submit", title="Rewritten, sourced")
    assert submission_state(InitiativePage.objects.get(pk=page.pk)).code == "in_moderation"
    moderate(moderator_client, page, "approve")
    assert InitiativePage.objects.get(pk=page.pk).title == "Rewritten, sourced"


def test_members_cannot_reach_another_citys_drafts_or_uploads(client):
    seoul, milan = english_city("seoul"), english_city("milan")
    seoul_member = member_client(make_member(seoul, "a@seoul.example.org"))
    milan_member = member_client(make_member(milan, "b@milan.example.org"))
    pdf = SimpleUploadedFile(
        "plan.pdf", b"%PDF-1.4\n%\xe2\xe3\n1 0 obj\n<<>>\nendobj\n", "application/pdf"
    )
    submit(
        milan_member,
        "/en/my-city/initiatives/new/",
        "save",
        language="en",
        title="Milan draft",
        documents=pdf,
    )
    draft = InitiativePage.objects.get(title="Milan draft")
    document_block = next(block for block in draft.get_latest_revision_as_object().media)
    document = document_block.value["document"]

    # My City
    assert "Milan draft" not in seoul_member.get("/en/my-city/").content.decode()
    assert seoul_member.get(f"/en/my-city/initiatives/{draft.pk}/").status_code == 404
    assert submit(seoul_member, f"/en/my-city/initiatives/{draft.pk}/", "save").status_code == 404
    # Admin
    assert seoul_member.get(f"/admin/pages/{draft.pk}/edit/").status_code in (302, 403)
    assert seoul_member.get(
        f"/admin/pages/add/knowledge/initiativepage/{milan.pk}/"
    ).status_code in (302, 403)
    # API and document downloads
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404
    assert document.pk not in [d["id"] for d in client.get("/api/v2/documents/").json()["items"]]
    assert seoul_member.get(document.url).status_code in (302, 403)
    assert client.get(document.url).status_code in (302, 403)
    assert milan_member.get(document.url).status_code == 200


def test_contributors_cannot_publish_even_their_own_initiatives():
    seoul = english_city("seoul")
    user = make_member(seoul, "publisher@seoul.example.org")
    page = InitiativePage.objects.get(slug="big-data-urban-management", locale__language_code="en")

    permissions = page.permissions_for_user(user)

    assert permissions.can_edit()
    assert not permissions.can_publish()
    assert seoul.permissions_for_user(user).can_add_subpage()
    assert not english_city("milan").permissions_for_user(user).can_edit()


def test_anonymous_visitors_are_sent_to_sign_in(client):
    for path in ["/en/my-city/", "/en/my-city/initiatives/new/", "/fr/my-city/focal-point/"]:
        response = client.get(path)
        assert response.status_code == 302
        assert response["Location"].startswith(path[:3] + "/accounts/login/?next=")


def test_signed_in_non_members_are_told_they_are_not_members(client):
    user = get_user_model().objects.create_user("visitor", "visitor@example.org", PASSWORD)
    client.force_login(user)

    response = client.get("/es/my-city/")

    assert response.status_code == 403
    assert "/es/my-city/register/" in response.content.decode()
