"""With Redis stopped, the site serves every page, the API, search, sign-in and contact, and the
contact message is delivered once Redis and the mail server are back."""

import datetime

from django.test import Client
from django.utils import timezone

import pytest

from knowledge.base.spam import new_stamp
from knowledge.models import CityPage, InitiativePage
from mailqueue.models import QueuedEmail
from mailqueue.tasks import retry_emails
from tests.knowledge.members import PASSWORD, make_member

from .jobs import run_jobs
from .servers import wait_for

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

MILAN_FOCAL_POINT = "focal.point@milan.example.org"


def reads(milan):
    return {
        "/en/": "Urban SDG",
        milan.url: milan.title,
        "/en/initiatives/": milan.title,
        "/api/v2/pages/?type=knowledge.InitiativePage&locale=en&limit=100": milan.title,
        "/en/search/?q=food": milan.title,
        "/en/accounts/login/": "password",
    }


def test_the_site_serves_without_redis_and_delivers_the_message_when_it_is_back(
    shared_cache, redis_server, mail_through_smtp
):
    milan = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")
    make_member(
        CityPage.objects.get(slug="seoul", locale__language_code="en"), "ji-ho@seoul.example.org"
    )
    run_jobs()
    visitor = Client()
    for path in reads(milan):  # cached in Redis while it runs
        assert visitor.get(path).status_code == 200
    assert redis_server.client().dbsize() > 0

    redis_server.stop()
    mail_through_smtp.stop()

    for path, text in reads(milan).items():
        response = visitor.get(path)
        assert response.status_code == 200, path
        assert text in response.content.decode(), path
    signed_in = Client()
    login = signed_in.post(
        "/en/accounts/login/", {"username": "ji-ho@seoul.example.org", "password": PASSWORD}
    )
    assert login.status_code == 302
    assert signed_in.get("/en/my-city/").status_code == 200  # the session is in the database
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
    assert contact.status_code == 302 and contact["Location"] == f"{milan.url}#contact"
    run_jobs()
    assert mail_through_smtp.received(MILAN_FOCAL_POINT) == []

    redis_server.start()
    mail_through_smtp.start()
    QueuedEmail.objects.filter(status=QueuedEmail.Status.RETRYING).update(
        next_attempt_at=timezone.now() - datetime.timedelta(seconds=1)
    )
    retry_emails.enqueue()
    run_jobs()

    (relay,) = mail_through_smtp.received(MILAN_FOCAL_POINT)
    assert "How did you organise the canteen suppliers?" in relay.get_content()
    # After the back-off, the next request finds Redis and the process uses it again.
    wait_for(lambda: visitor.get(milan.url).status_code == 200 and not shared_cache.is_down, 5)
