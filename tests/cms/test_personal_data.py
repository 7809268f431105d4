"""Members' data rights: download everything held about them, delete the account; consent to
the privacy notice at registration; unverified registrations released; the old address told."""

import json

from django.contrib.auth import get_user_model
from django.core import mail
from django.db import models
from django.db.models.functions import Cast
from django.utils import timezone, translation

from wagtail.log_actions import log
from wagtail.models import ModelLogEntry, PageLogEntry

import pytest
from bs4 import BeautifulSoup

from cms import personal_data
from knowledge.base.spam import new_stamp
from knowledge.models import (
    CommentReport,
    InitiativeComment,
    Registration,
    ReplicationInterest,
)
from tests.factories import CityIndexPageFactory, CityPageFactory, InitiativePageFactory
from tests.knowledge.members import PASSWORD, make_member, make_moderator, member_client

pytestmark = pytest.mark.django_db

User = get_user_model()
ADDRESS = "amina@seoul.example.org"


@pytest.fixture
def site(homes):
    index = CityIndexPageFactory(parent=homes["en"])
    seoul = CityPageFactory(parent=index, title="Seoul", country="KR")
    milan = CityPageFactory(parent=index, title="Milan", country="IT", region="europe")
    return {
        "seoul": seoul,
        "milan": milan,
        "seoul_initiative": InitiativePageFactory(parent=seoul, title="Green roofs"),
        "milan_initiative": InitiativePageFactory(parent=milan, title="Bike lanes"),
    }


@pytest.fixture
def member(site):
    """A Seoul member with a comment, a report, a replication and a log entry naming them."""
    user = make_member(site["seoul"], ADDRESS, name="Amina Kim")
    other = make_member(site["milan"], "luca@milan.example.org", name="Luca")
    theirs = InitiativeComment.objects.create(
        page=site["milan_initiative"],
        author=other,
        body="Our lanes",
        language="en",
        status="published",
    )
    InitiativeComment.objects.create(
        page=site["milan_initiative"],
        author=user,
        body="We tried this in Seoul.",
        language="en",
        status="published",
    )
    CommentReport.objects.create(comment=theirs, reporter=user, reason="spam")
    ReplicationInterest.objects.create(
        page=site["milan_initiative"],
        initiative_key=site["milan_initiative"].translation_key,
        city_key=site["seoul"].translation_key,
        user=user,
        kind="interested",
    )
    log(
        instance=site["seoul_initiative"],
        action="wagtail.edit",
        user=user,
        data={"note": f"edited by {ADDRESS}"},
    )
    return user


def log_text_naming(value):
    found = []
    for model in (PageLogEntry, ModelLogEntry):
        entries = model.objects.annotate(text=Cast("data", models.TextField()))
        found += list(entries.filter(text__icontains=value))
        found += list(model.objects.filter(label__icontains=value))
    return found


def test_a_member_downloads_everything_held_about_them(member, site):
    client = member_client(member)

    response = client.get("/en/my-city/data/")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert response["Content-Disposition"].startswith('attachment; filename="my-data-')
    data = json.loads(response.content)
    assert data["account"]["email"] == ADDRESS
    assert data["registration"]["name"] == "Amina Kim"
    assert data["registration"]["city"] == "Seoul"
    assert data["membership"]["is_focal_point"] in (True, False)
    assert [c["body"] for c in data["comments"]] == ["We tried this in Seoul."]
    assert [r["reason"] for r in data["reports"]] == ["spam"]
    assert [r["kind"] for r in data["replications"]] == ["interested"]
    actions = {entry["action"] for entry in data["log_entries"]}
    assert {"knowledge.registration_approved", "wagtail.edit"} <= actions
    assert any(ADDRESS in m["recipients"] for m in data["contact_messages"])
    assert data["certification_roles"] == {"groups": [], "technical_reviewer": []}
    assert data["partner_account"] == []


def test_the_download_is_for_the_signed_in_member_only(client, member):
    response = client.get("/en/my-city/data/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_deleting_the_account(member, site, client):
    assert log_text_naming(ADDRESS)
    mail.outbox.clear()
    own = member_client(member)

    wrong = own.post("/en/my-city/delete/", {"password": "not-the-password"})
    assert wrong.status_code == 400
    with translation.override("en"):
        assert "That is not your password." in wrong.content.decode()
    assert User.objects.filter(pk=member.pk).exists()

    response = own.post("/en/my-city/delete/", {"password": PASSWORD})

    assert response.status_code == 302
    assert not User.objects.filter(email=ADDRESS).exists()
    assert not Registration.objects.filter(email=ADDRESS).exists()
    # Comments stay, by a former member; the city keeps its initiatives.
    comment = InitiativeComment.objects.get(body="We tried this in Seoul.")
    assert comment.author is None
    page = BeautifulSoup(client.get(site["milan_initiative"].url).content, "html.parser")
    assert "former member" in page.get_text()
    assert site["seoul_initiative"].__class__.objects.filter(pk=site["seoul_initiative"].pk)
    # Log entries keep the action, without the name or the address.
    assert log_text_naming(ADDRESS) == []
    assert log_text_naming("Amina Kim") == []
    assert PageLogEntry.objects.filter(action="wagtail.edit", user__isnull=True).exists()
    assert PageLogEntry.objects.filter(action="knowledge.registration_approved").exists()
    # One confirmation e-mail, to the address that left.
    assert [m.to for m in mail.outbox] == [[ADDRESS]]
    assert "deleted" in mail.outbox[0].subject
    # Signed out.
    assert own.get("/en/my-city/data/").status_code == 302


def test_the_confirmation_is_in_the_members_language(member, site):
    profile = member.wagtail_userprofile
    profile.preferred_language = "fr"
    profile.save()
    mail.outbox.clear()

    personal_data.erase(member)

    with translation.override("fr"):
        from django.utils.translation import gettext

        assert mail.outbox[0].subject == gettext("Your account was deleted")


def test_registration_records_the_privacy_notice_agreed_to(client, site, settings):
    settings.PRIVACY_NOTICE_VERSION = "2026-12"
    form = {
        "name": "Noor",
        "email": "noor@example.org",
        "password": "a-long-and-unusual-password-42",
        "city": str(site["seoul"].pk),
        "position": "Officer",
        "organisation": "City hall",
        "motivation": "To share",
        "stamp": new_stamp(),
    }

    refused = client.post("/en/my-city/register/", form)
    assert refused.status_code == 400
    assert "Agree to the privacy notice to join." in refused.content.decode()

    accepted = client.post("/en/my-city/register/", {**form, "privacy": "on", "stamp": new_stamp()})
    assert accepted.status_code == 302
    registration = Registration.objects.get(email="noor@example.org")
    assert registration.privacy_notice_version == "2026-12"
    assert registration.consented_at is not None


def test_unverified_registrations_are_deleted_and_their_address_released(site, settings):
    settings.REGISTRATION_RETENTION_DAYS = 14

    def registration(email, age_days, status=Registration.Status.UNVERIFIED):
        user = User.objects.create_user(email, email, PASSWORD, is_active=False)
        row = Registration.objects.create(
            user=user,
            name="N",
            email=email,
            city=site["seoul"],
            position="P",
            organisation="O",
            motivation="M",
            status=status,
        )
        Registration.objects.filter(pk=row.pk).update(
            created_at=timezone.now() - timezone.timedelta(days=age_days)
        )

    registration("old@example.org", 15)
    registration("new@example.org", 13)
    registration("waiting@example.org", 30, Registration.Status.PENDING)

    from knowledge.tasks import delete_unverified_registrations

    assert delete_unverified_registrations.call() == 1

    assert set(Registration.objects.values_list("email", flat=True)) == {
        "new@example.org",
        "waiting@example.org",
    }
    assert not User.objects.filter(email="old@example.org").exists()
    assert "knowledge.tasks.delete_unverified_registrations" in settings.PERIODIC_TASKS


def test_the_old_address_is_told_when_the_address_changes(member):
    client = member_client(member)
    client.post("/en/my-city/email/", {"email": "new@seoul.example.org", "password": PASSWORD})
    link = next(m for m in mail.outbox if m.to == ["new@seoul.example.org"])
    token = link.body.split("/my-city/email/")[1].split("/")[0]
    mail.outbox.clear()

    response = client.get(f"/en/my-city/email/{token}/")

    assert response.status_code == 302
    assert [m.to for m in mail.outbox] == [[ADDRESS]]
    assert "new@seoul.example.org" in mail.outbox[0].body


def test_moderators_cannot_trust_a_former_member(member, site):
    comment = InitiativeComment.objects.get(author=member)
    personal_data.erase(member)
    moderator = member_client(make_moderator())

    response = moderator.post(
        f"/admin/bulk/knowledge/initiativecomment/trust/?id={comment.pk}", follow=True
    )

    assert response.status_code == 200
    assert "has deleted their account" in response.content.decode()


def test_a_name_in_another_script_leaves_the_log_entries_too(site):
    user = make_member(site["seoul"], "amira@seoul.example.org", name="أميرة حسن")
    log(instance=site["seoul"], action="wagtail.edit", user=None, data={"by": "أميرة حسن"})

    personal_data.erase(user)

    for entry in PageLogEntry.objects.all():
        assert "أميرة" not in json.dumps(entry.data, ensure_ascii=False)
        assert "amira@seoul.example.org" not in json.dumps(entry.data)
