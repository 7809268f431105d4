"""Forms that send e-mail to the address typed in are limited per client address and per
recipient; registration carries the honeypot and the single-use time stamp."""

from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

import pytest
from bs4 import BeautifulSoup

from knowledge.base.spam import new_stamp
from knowledge.models import Registration
from tests.factories import CityIndexPageFactory, CityPageFactory

from .members import PASSWORD, make_member, member_client

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar", "zh-hans", "fr", "ru", "es"]
FLOOD = (
    "Many e-mails were asked for from your address, or for this e-mail address, in a short "
    "time. Please try again later."
)


@pytest.fixture
def city(homes):
    cities = CityIndexPageFactory(parent=homes["en"], title="Flood cities", slug="flood-cities")
    return CityPageFactory(parent=cities, title="Floodville")


@pytest.fixture
def limits(settings):
    settings.MAIL_FORM_RATES = {
        "registration": "2/h",
        "password_reset": "2/h",
        "confirmation_resend": "2/h",
        "email_change": "2/h",
    }
    settings.RATE_MAILS_PER_RECIPIENT = "3/h"


def flood_message(language):
    with translation.override(language):
        message = gettext(FLOOD)
    assert language == "en" or message != FLOOD
    return message


def page(response):
    return BeautifulSoup(response.content, "html.parser")


def register(client, email, language="en", environ=None, **extra):
    data = {
        "name": "Ana Souza",
        "email": email,
        "password": PASSWORD,
        "requested_city": "Recife",
        "requested_country": "BR",
        "position": "Officer",
        "organisation": "City hall",
        "motivation": "To share",
        "privacy": "on",
        "stamp": new_stamp(),
        **extra,
    }
    return client.post(f"/{language}/my-city/register/", data, **(environ or {}))


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_registration_flood_gets_429_with_the_form_kept(limits, language):
    client = Client()
    for n in range(2):
        assert register(client, f"person{n}@example.org", language).status_code == 302

    response = register(client, "third@example.org", language, motivation="Keep this text")

    assert response.status_code == 429
    form = page(response)
    assert flood_message(language) in form.select_one(".form-errors").get_text()
    assert form.select_one("input[name=email]")["value"] == "third@example.org"
    assert form.select_one("textarea[name=motivation]").get_text().strip() == "Keep this text"
    assert not Registration.objects.filter(email="third@example.org").exists()
    assert len(mail.outbox) == 2
    # Another address is not limited by this one.
    other = {"REMOTE_ADDR": "198.51.100.4"}
    assert register(client, "fourth@example.org", environ=other).status_code == 302


@pytest.mark.parametrize("language", LANGUAGES)
def test_a_password_reset_flood_gets_429(limits, language, city):
    make_member(city, "forgot@floodville.example.org")
    mail.outbox.clear()
    client = Client()

    def reset(email):
        return client.post(f"/{language}/accounts/reset/", {"email": email, "stamp": new_stamp()})

    assert reset("forgot@floodville.example.org").status_code == 302
    assert reset("nobody@example.org").status_code == 302
    response = reset("forgot@floodville.example.org")

    assert response.status_code == 429
    form = page(response)
    assert flood_message(language) in form.get_text()
    assert form.select_one("input[name=email]")["value"] == "forgot@floodville.example.org"
    assert len(mail.outbox) == 1


def test_one_recipient_gets_a_bounded_number_of_mails_from_many_addresses(limits, city):
    make_member(city, "victim@floodville.example.org")
    mail.outbox.clear()
    statuses = [
        Client()
        .post(
            "/en/accounts/reset/",
            {"email": "victim@floodville.example.org", "stamp": new_stamp()},
            REMOTE_ADDR=f"198.51.100.{n}",
        )
        .status_code
        for n in range(1, 6)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert len(mail.outbox) == 3


def test_the_confirmation_link_is_sent_again_within_limits(limits):
    client = Client()
    assert register(client, "slow@example.org").status_code == 302
    mail.outbox.clear()

    def resend(email):
        return client.post("/fr/my-city/register/resend/", {"email": email, "stamp": new_stamp()})

    assert resend("Slow@Example.org").status_code == 302
    (message,) = mail.outbox
    assert message.to == ["slow@example.org"]
    # The answer does not tell whether the address registered.
    assert resend("unknown@example.org").status_code == 302
    assert len(mail.outbox) == 1
    response = resend("slow@example.org")
    assert response.status_code == 429
    assert flood_message("fr") in page(response).get_text()
    # Linked from the page that says to check one's e-mail.
    done = client.get("/fr/my-city/register/done/")
    assert page(done).select_one('a[href="/fr/my-city/register/resend/"]') is not None


def test_e_mail_changes_are_limited(limits, city):
    user = make_member(city, "mover@floodville.example.org")
    member = member_client(user)
    mail.outbox.clear()
    for n in range(2):
        response = member.post(
            "/es/my-city/email/", {"email": f"new{n}@example.org", "password": PASSWORD}
        )
        assert response.status_code == 302
    again = {"email": "new9@example.org", "password": PASSWORD}
    response = member.post("/es/my-city/email/", again)
    assert response.status_code == 429
    assert flood_message("es") in page(response).get_text()
    assert page(response).select_one("input[name=email]")["value"] == "new9@example.org"
    assert len(mail.outbox) == 2


def test_registration_refuses_bots_and_replayed_stamps(client):
    bot = register(client, "bot@example.org", website="https://spam.example")
    assert bot.status_code == 400
    assert "as if a program filled it in" in bot.content.decode()

    stamp = new_stamp()
    assert register(client, "first@example.org", stamp=stamp).status_code == 302
    replayed = register(client, "second@example.org", stamp=stamp)
    assert replayed.status_code == 400
    assert "This form was sent already" in replayed.content.decode()
    assert page(replayed).select_one("input[name=email]")["value"] == "second@example.org"
    assert not get_user_model().objects.filter(email="second@example.org").exists()

    no_stamp = register(client, "third@example.org", stamp="")
    assert no_stamp.status_code == 400
