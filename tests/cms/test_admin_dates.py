"""The mail queue and the webhook log write their dates in the admin user's language."""

import datetime

from django.contrib.auth import get_user_model
from django.test import Client
from django.urls import reverse

from wagtail.users.models import UserProfile

import pytest

from mailqueue.models import QueuedEmail
from syndication.models import WebhookDelivery, WebhookEndpoint

pytestmark = pytest.mark.django_db

WHEN = datetime.datetime(2027, 1, 19, 14, 5, tzinfo=datetime.UTC)
# Django's formats of each language (SHORT_DATETIME_FORMAT in lists, DATETIME_FORMAT on a page).
EXPECTED = {
    "fr": ("19/01/2027 14:05", "19 janvier 2027 14:05"),
    "zh-hans": ("2027年1月19日 14:05", "2027年1月19日 14:05"),
}
ENGLISH = ("Jan. 19, 2027", "01/19/2027", "2027-01-19", "p.m.")


def admin_in(language):
    user = get_user_model().objects.create_superuser("root", "root@example.org", "pw")
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = language
    profile.save()
    client = Client()
    client.force_login(user)
    return client


def page(client, url):
    response = client.get(url, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 200
    return response.content.decode()


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_mail_queue_dates_are_in_the_admins_language(language):
    short, long = EXPECTED[language]
    message = QueuedEmail.objects.create(
        subject="Confirm",
        recipients="someone@example.org",
        created_at=WHEN,
        next_attempt_at=WHEN,
        last_attempt_at=WHEN,
    )
    client = admin_in(language)

    listing = page(client, reverse("mail_queue:index"))
    assert listing.count(short) == 2  # created, next attempt
    inspect = page(client, reverse("mail_queue:inspect", args=[message.pk]))
    assert inspect.count(long) == 3  # created, last and next attempt
    for english in ENGLISH:
        assert english not in listing and english not in inspect


@pytest.mark.parametrize("language", sorted(EXPECTED))
def test_webhook_dates_are_in_the_admins_language(language):
    short, long = EXPECTED[language]
    endpoint = WebhookEndpoint.objects.create(name="Partner", url="https://a.example.org/h")
    WebhookEndpoint.objects.filter(pk=endpoint.pk).update(created_at=WHEN)
    delivery = WebhookDelivery.objects.create(
        endpoint=endpoint,
        event="page.published",
        payload={"event": "page.published"},
        created_at=WHEN,
        next_attempt_at=WHEN,
        delivered_at=WHEN,
    )
    client = admin_in(language)

    endpoints = page(client, reverse("webhooks:index"))
    assert short in endpoints
    listing = page(client, reverse("webhook_deliveries:index"))
    assert listing.count(short) == 2
    inspect = page(client, reverse("webhook_deliveries:inspect", args=[delivery.pk]))
    assert inspect.count(long) == 3  # created, next attempt, delivered
    for english in ENGLISH:
        assert english not in endpoints + listing + inspect
