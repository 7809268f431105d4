"""My City: from registration to a published initiative, and who may see and change what."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext as _

from wagtail.images.tests.utils import get_test_image_file
from wagtail.models import TaskState

import pytest
from bs4 import BeautifulSoup

from knowledge import opendata
from knowledge.interaction.spam import new_stamp
from knowledge.models import (
    CityMembership,
    CityPage,
    InitiativeDecision,
    InitiativePage,
    Registration,
)
from knowledge.moderation import submission_state

from .members import PASSWORD, make_member, member_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

SECTIONS = {
    "title": "Neighbourhood heat shelters",
    "summary": "Cool rooms open to everyone during heat waves.",
    "background": "Heat waves are longer every summer.\n\nOlder people suffer most.",
    "actions": "Libraries and community centres open their air-conditioned rooms.",
    "impacts": "Fewer emergency calls on the hottest days.",
    "budget": "Paid from the city's climate adaptation budget.",
    "themes": ["environment-resilience", "health"],
    "sdgs": ["3", "13"],
    "targets": ["13.1"],
    "start_year": "2021",
    "end_year": "",
    "status": "ongoing",
    "implementing_agencies": "Department of health",
    "partners": "Red Cross",
    "policy_url": "https://example.org/shelters",
    "contact_name": "Kim",
    "contact_role": "Coordinator",
    "contact_email": "kim@seoul.example.org",
    "contact_phone": "",
    "image_alt": "",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


def link_in(message):
    return re.search(r"https?://\S+", message.body).group(0).replace("http://testserver", "")


def english_city(slug):
    return CityPage.objects.get(slug=slug, locale__language_code="en")


def submit(client, url, action, **overrides):
    data = {**SECTIONS, **overrides, action: action}
    return client.post(url, data)


def listing_titles(client, path, **params):
    return [
        a.get_text(strip=True)
        for a in soup(client.get(path, params)).select(".card__title a, .result-list h2 a")
    ]


def api_titles(client, **params):
    data = client.get(
        "/api/v2/pages/", {"type": "knowledge.InitiativePage", "limit": 100, **params}
    ).json()
    return [item["title"] for item in data["items"]]


def moderate(client, page, action, comment=""):
    task_state = TaskState.objects.get(
        workflow_state__base_content_type__model="page",
        workflow_state__object_id=str(page.pk),
        status=TaskState.STATUS_IN_PROGRESS,
    )
    return client.post(
        f"/admin/pages/workflow/action/{page.pk}/{action}/{task_state.pk}/", {"comment": comment}
    )


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


def test_a_rejected_form_keeps_what_was_typed_and_explains_in_the_users_language():
    member = member_client(make_member(english_city("quito"), "quito@quito.example.org"))

    response = member.post(
        "/fr/my-city/initiatives/new/",
        {
            **SECTIONS,
            "language": "fr",
            "summary": "",
            "sdgs": ["3"],
            "targets": ["13.1"],
            "end_year": "2019",
            "submit": "submit",
        },
    )

    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("input[name=title]")["value"] == SECTIONS["title"]
    assert page.select_one("textarea[name=actions]").get_text().strip() == SECTIONS["actions"]
    errors = [p.get_text(strip=True) for p in page.select(".field__error")]
    assert "Ce champ est obligatoire pour soumettre l'initiative pour modération." in errors
    assert any("13.1" in error for error in errors)
    assert any("année de fin" in error for error in errors)
    assert not InitiativePage.objects.filter(title=SECTIONS["title"]).exists()


@pytest.mark.parametrize(
    "upload, message",
    [
        (
            SimpleUploadedFile("fake.pdf", b"this is not a pdf", "application/pdf"),
            "does not contain what its name says",
        ),
        (
            SimpleUploadedFile("tool.exe", b"MZ\x90\x00", "application/octet-stream"),
            "is not an accepted document",
        ),
    ],
)
def test_documents_are_checked_for_type_and_content(upload, message):
    member = member_client(make_member(english_city("milan"), "docs@milan.example.org"))

    response = submit(
        member, "/en/my-city/initiatives/new/", "save", language="en", documents=upload
    )

    assert response.status_code == 400
    assert message in response.content.decode()
    assert not InitiativePage.objects.filter(title=SECTIONS["title"]).exists()


def test_documents_over_the_size_limit_are_refused(settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 10
    member = member_client(make_member(english_city("milan"), "big@milan.example.org"))
    big = SimpleUploadedFile("big.txt", b"x" * 100, "text/plain")

    response = submit(member, "/en/my-city/initiatives/new/", "save", language="en", documents=big)

    assert "is too large" in response.content.decode()


def test_images_are_checked_and_stored_privately_until_publication(moderator_client, client):
    member = member_client(make_member(english_city("rosario"), "img@rosario.example.org"))
    not_an_image = SimpleUploadedFile("photo.jpg", b"not an image", "image/jpeg")
    response = submit(
        member,
        "/en/my-city/initiatives/new/",
        "save",
        language="en",
        image=not_an_image,
        image_alt="A photo",
    )
    assert response.status_code == 400
    assert BeautifulSoup(response.content, "html.parser").select(".field__error")

    image = SimpleUploadedFile("garden.png", get_test_image_file().file.getvalue(), "image/png")
    submit(
        member,
        "/en/my-city/initiatives/new/",
        "submit",
        language="en",
        title="Gardens",
        image=image,
        image_alt="A garden",
    )
    page = InitiativePage.objects.get(title="Gardens")
    uploaded = page.get_latest_revision_as_object().image
    assert uploaded.collection.name.startswith("Submissions:")

    def listed():  # a hundred at a time: the demo's own pictures come first
        return [i["id"] for i in client.get("/api/v2/images/", {"limit": 100}).json()["items"]]

    assert uploaded.pk not in listed()

    moderate(moderator_client, page, "approve")

    uploaded.refresh_from_db()
    assert uploaded.collection.name == "Initiatives"
    assert uploaded.pk in listed()


def test_sign_in_is_throttled_after_repeated_failures(client):
    make_member(english_city("almaty"), "guess@almaty.example.org")

    for _attempt in range(5):
        client.post(
            "/en/accounts/login/", {"username": "guess@almaty.example.org", "password": "wrong"}
        )
    response = client.post(
        "/en/accounts/login/", {"username": "guess@almaty.example.org", "password": PASSWORD}
    )

    assert response.status_code == 429 or response.status_code == 403
    assert "Too many attempts" in response.content.decode()


def test_password_reset_sends_a_working_link(client):
    make_member(english_city("almaty"), "forgot@almaty.example.org")

    client.post("/ru/accounts/reset/", {"email": "forgot@almaty.example.org", "stamp": new_stamp()})

    message = mail.outbox[-1]
    link = link_in(message)
    response = client.get(link, follow=True)
    page = soup(response)
    assert page.select_one("input[name=new_password1]") is not None
    response = client.post(
        response.redirect_chain[-1][0],
        {"new_password1": "another-strong-pass-77", "new_password2": "another-strong-pass-77"},
    )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="forgot@almaty.example.org")
    assert user.check_password("another-strong-pass-77")


def test_changing_the_email_address_needs_the_password_and_a_confirmation(client):
    user = make_member(english_city("almaty"), "old@almaty.example.org")
    member = member_client(user)

    refused = member.post(
        "/en/my-city/email/", {"email": "new@almaty.example.org", "password": "no"}
    )
    assert "The password is not correct." in refused.content.decode()

    member.post("/en/my-city/email/", {"email": "new@almaty.example.org", "password": PASSWORD})
    user.refresh_from_db()
    assert user.email == "old@almaty.example.org"
    assert mail.outbox[-1].to == ["new@almaty.example.org"]
    member.get(link_in(mail.outbox[-1]))
    user.refresh_from_db()
    assert user.email == "new@almaty.example.org"


def test_focal_point_hands_over_the_role():
    singapore = english_city("singapore")
    first = make_member(singapore, "first@singapore.example.org")
    second = make_member(singapore, "second@singapore.example.org")
    assert first.city_membership.is_focal_point and not second.city_membership.is_focal_point

    response = member_client(first).post(
        "/en/my-city/focal-point/", {"member": second.city_membership.pk}
    )

    assert response.status_code == 302
    assert CityMembership.objects.get(user=second).is_focal_point
    assert not CityMembership.objects.get(user=first).is_focal_point
    assert member_client(first).get("/en/my-city/focal-point/").status_code == 404


def test_moderator_declines_a_registration_with_a_reason(client, moderator_client):
    user = get_user_model().objects.create_user(
        "x@example.org", "x@example.org", PASSWORD, is_active=False
    )
    registration = Registration.objects.create(
        user=user,
        name="X",
        email="x@example.org",
        requested_city="Atlantis",
        requested_country="GR",
        position="P",
        organisation="O",
        motivation="M",
        status=Registration.Status.PENDING,
        language="fr",
    )

    moderator_client.post(
        f"/admin/registrations/inspect/{registration.pk}/",
        {"decline": "", "decline-reason": "Not a city."},
    )

    registration.refresh_from_db()
    assert registration.status == Registration.Status.DECLINED
    assert "Not a city." in mail.outbox[-1].body
    # Written in the language the person registered in.
    with translation.override("fr"):
        expected = str(_("Your request to join the Urban SDG Knowledge Platform"))
    assert mail.outbox[-1].subject == expected
    assert expected != "Your request to join the Urban SDG Knowledge Platform"
    assert not get_user_model().objects.get(pk=user.pk).is_active


def test_approving_a_new_city_creates_its_page_and_group(moderator_client):
    user = get_user_model().objects.create_user(
        "y@example.org", "y@example.org", PASSWORD, is_active=False
    )
    registration = Registration.objects.create(
        user=user,
        name="Y",
        email="y@example.org",
        requested_city="Kigali",
        requested_country="RW",
        position="P",
        organisation="O",
        motivation="M",
        status=Registration.Status.PENDING,
        language="en",
    )

    response = moderator_client.post(
        f"/admin/registrations/inspect/{registration.pk}/",
        {"approve": "", "approve-region": "africa"},
    )

    assert response.status_code == 302
    kigali = CityPage.objects.get(title="Kigali")
    assert kigali.live and kigali.country.code == "RW"
    assert Group.objects.filter(name="City contributors: Kigali").exists()
    membership = CityMembership.objects.get(user=user)
    assert membership.is_focal_point
    assert membership.city_key == kigali.translation_key


def test_registration_form_keeps_input_and_refuses_bots(client):
    response = client.post(
        "/fr/my-city/register/",
        {"name": "Ana", "email": "not-an-email", "position": "P", "stamp": new_stamp()},
    )

    assert response.status_code == 400
    page = soup(response)
    assert page.select_one("input[name=name]")["value"] == "Ana"
    errors = " ".join(p.get_text() for p in page.select(".field__error"))
    assert "Saisissez une adresse e-mail valide." in errors or "adresse" in errors
    bot = client.post(
        "/en/my-city/register/",
        {
            "name": "Bot",
            "email": "bot@example.org",
            "password": PASSWORD,
            "requested_city": "X",
            "requested_country": "FR",
            "position": "P",
            "organisation": "O",
            "motivation": "M",
            "privacy": "on",
            "website": "http://spam.example",
            "stamp": new_stamp(),
        },
    )
    assert bot.status_code == 400
    assert "as if a program filled it in" in bot.content.decode()
    assert not Registration.objects.filter(email="bot@example.org").exists()


def test_approval_preselects_the_city_of_a_registration_made_in_another_language(
    moderator_client,
):
    seoul = english_city("seoul")
    french_seoul = CityPage.objects.get(
        translation_key=seoul.translation_key, locale__language_code="fr"
    )
    user = get_user_model().objects.create_user(
        "fr@seoul.example.org", "fr@seoul.example.org", PASSWORD, is_active=False
    )
    registration = Registration.objects.create(
        user=user,
        name="Camille",
        email="fr@seoul.example.org",
        city=french_seoul,
        position="P",
        organisation="O",
        motivation="M",
        status=Registration.Status.PENDING,
        language="fr",
    )

    page = soup(moderator_client.get(f"/admin/registrations/inspect/{registration.pk}/"))
    selected = page.select_one("select[name=approve-city] option[selected]")
    assert selected is not None and selected["value"] == str(seoul.pk)
    # One row per city: the French Seoul is not listed beside the English one.
    values = [option["value"] for option in page.select("select[name=approve-city] option")]
    assert str(french_seoul.pk) not in values

    response = moderator_client.post(
        f"/admin/registrations/inspect/{registration.pk}/",
        {"approve": "", "approve-city": selected["value"]},
    )

    assert response.status_code == 302
    registration.refresh_from_db()
    assert registration.status == Registration.Status.APPROVED
    assert registration.city == french_seoul  # the city in the language they registered in
    assert CityMembership.objects.get(user=user).city_key == seoul.translation_key
