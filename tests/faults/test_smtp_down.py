"""With the mail server stopped, every flow that sends mail answers as usual, and every message
arrives once the server is back and the retry job has run (production's path: the queue in the
database, the worker, SMTP)."""

import datetime

from django.core import mail
from django.test import Client
from django.utils import timezone

import pytest

from knowledge.base.spam import new_stamp
from knowledge.models import CityPage, InitiativePage, Registration
from mailqueue.models import QueuedEmail
from mailqueue.tasks import retry_emails
from tests.knowledge.members import PASSWORD, make_member, make_moderator, member_client

from .jobs import run_jobs

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

MILAN_FOCAL_POINT = "focal.point@milan.example.org"


def english(model, slug):
    return model.objects.get(slug=slug, locale__language_code="en")


def time_passes():
    """The retry delay has gone by."""
    QueuedEmail.objects.filter(status=QueuedEmail.Status.RETRYING).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )


def test_every_flow_answers_while_smtp_is_down_and_every_mail_arrives_later(mail_through_smtp):
    smtp = mail_through_smtp
    seoul = english(CityPage, "seoul")
    milan = english(InitiativePage, "milan-food-policy")
    make_moderator()
    member = make_member(seoul, "ji-ho@seoul.example.org", name="Ji-ho Park")
    run_jobs()  # the welcome mail goes out while the server is up
    before = QueuedEmail.objects.count()
    smtp.inbox.messages.clear()
    smtp.stop()

    visitor = Client()
    registration = visitor.post(
        "/en/my-city/register/",
        {
            "name": "Lee Seo-yeon",
            "email": "lee@seoul.example.org",
            "password": PASSWORD,
            "city": str(seoul.pk),
            "position": "Policy officer",
            "organisation": "Seoul Metropolitan Government",
            "motivation": "To share our heat shelters.",
            "privacy": "on",
            "stamp": new_stamp(),
        },
    )
    contact = visitor.post(
        f"/en/interact/pages/{milan.pk}/contact/",
        {
            "contact-name": "Ana Souza",
            "contact-email": "ana@recife.example.org",
            "contact-subject": "School canteens",
            "contact-message": "How did you organise the canteen suppliers?",
            "contact-stamp": new_stamp(),
        },
    )
    reset = visitor.post(
        "/en/accounts/reset/", {"email": "ji-ho@seoul.example.org", "stamp": new_stamp()}
    )
    seoul_member = member_client(member)
    replication = seoul_member.post(
        f"/en/interact/pages/{milan.pk}/replication/",
        {
            "replication-kind": "replicated",
            "replication-note": "Since 2022.",
            "replication-stamp": new_stamp(),
        },
    )
    submission = seoul_member.post(
        "/en/my-city/initiatives/new/",
        {
            "language": "en",
            "title": "Neighbourhood heat shelters",
            "summary": "Cool rooms open to everyone during heat waves.",
            "themes": ["health"],
            "sdgs": ["3"],
            "status": "ongoing",
            "submit": "submit",
        },
    )

    assert registration.status_code == 302
    assert Registration.objects.filter(email="lee@seoul.example.org").exists()
    assert contact.status_code == 302 and contact["Location"] == f"{milan.url}#contact"
    assert reset.status_code == 302
    assert replication.status_code == 302
    assert submission.status_code == 302
    assert InitiativePage.objects.filter(title="Neighbourhood heat shelters").exists()

    run_jobs()  # the worker tries, the server refuses
    queued = QueuedEmail.objects.order_by("pk")[before:]
    # verification, relay (a visitor gets no copy), reset, replication notice, moderators' notice
    assert len(queued) == 5
    assert {q.status for q in queued} == {QueuedEmail.Status.RETRYING}
    assert all("Connection refused" in q.last_error or "Errno" in q.last_error for q in queued)
    assert smtp.messages == [] and mail.outbox == []

    smtp.start()
    time_passes()
    retry_emails.enqueue()
    run_jobs()

    assert {q.status for q in QueuedEmail.objects.all()} == {QueuedEmail.Status.SENT}
    assert len(smtp.messages) == 5  # each once
    (verify,) = smtp.received("lee@seoul.example.org")
    assert "/en/my-city/verify/" in verify.get_content()
    relay, *_ = smtp.received(MILAN_FOCAL_POINT)
    assert relay["Reply-To"] == "ana@recife.example.org"
    assert "How did you organise the canteen suppliers?" in relay.get_content()
    assert any("Since 2022." in m.get_content() for m in smtp.received(MILAN_FOCAL_POINT))
    assert smtp.received("ana@recife.example.org") == []
    (reset_mail,) = smtp.received("ji-ho@seoul.example.org")
    assert "/en/accounts/reset/" in reset_mail.get_content()
    assert any(
        "Neighbourhood heat shelters" in m["Subject"]
        for m in smtp.received("moderator@example.org")
    )
