"""\"Contact this city\" and the replication network."""

import json

from django.core import mail
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

import pytest

from knowledge.base.spam import new_stamp
from knowledge.models import ReplicationInterest

from .conftest import soup
from .interaction_helpers import (
    MILAN_FOCAL_POINT,
    post_comment,
    required_in_french,
)
from .members import make_member, member_client

# These tests count the comments and replications they record: the demo's go first.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("no_demo_interaction")]


# Contact this city


def test_contact_form_relays_the_message_without_showing_the_address(client, milan):
    city = milan.city
    for url in (city.url, milan.url):
        page = client.get(url)
        assert MILAN_FOCAL_POINT not in page.content.decode()
        assert soup(page).select_one("#contact form") is not None
    for api in (f"/api/v2/pages/{city.pk}/", f"/api/v2/pages/{milan.pk}/"):
        assert MILAN_FOCAL_POINT not in client.get(api).content.decode()

    response = client.post(
        f"/en/interact/pages/{milan.pk}/contact/",
        {
            "contact-name": "Ana Souza",
            "contact-email": "ana@recife.example.org",
            "contact-subject": "School canteens",
            "contact-message": "How did you organise the canteen suppliers?",
            "contact-stamp": new_stamp(),
        },
    )
    assert response.status_code == 302 and response["Location"] == f"{milan.url}#contact"
    # Visitors get no copy: the form would send mail to any address typed in.
    (relay,) = mail.outbox
    assert relay.to == [MILAN_FOCAL_POINT]
    assert relay.reply_to == ["ana@recife.example.org"]
    assert "How did you organise the canteen suppliers?" in relay.body
    notice = client.get(response["Location"]).content.decode()
    assert "Your message was sent to the focal points of Milan." in notice
    assert "A copy is on its way" not in notice


def test_the_contact_copy_goes_only_to_a_members_own_address(milan, seoul_member):
    member = member_client(seoul_member)
    form = soup(member.get(milan.url)).select_one("#contact form")
    assert "a copy of your message goes to the address of your account" in form.get_text()
    visitor_form = soup(Client().get(milan.url)).select_one("#contact form")
    assert "No copy of your message is sent to it." in visitor_form.get_text()

    response = member.post(
        f"/en/interact/pages/{milan.pk}/contact/",
        {
            "contact-name": "Ji-ho Park",
            "contact-email": "someone.else@example.org",
            "contact-subject": "Canteens",
            "contact-message": "A question from Seoul",
            "contact-stamp": new_stamp(),
        },
    )
    assert response.status_code == 302
    relay, copy = mail.outbox
    assert relay.reply_to == ["someone.else@example.org"]
    assert copy.to == ["ji-ho@seoul.example.org"]
    assert "A question from Seoul" in copy.body
    assert MILAN_FOCAL_POINT not in copy.body and MILAN_FOCAL_POINT not in str(copy.message())


def test_a_subject_with_a_line_break_is_refused_with_a_message(client, demo_initiative):
    arabic = demo_initiative("ar")
    response = client.post(
        f"/ar/interact/pages/{arabic.pk}/contact/",
        {
            "contact-name": "Ana",
            "contact-email": "ana@recife.example.org",
            "contact-subject": "Hello\r\nBcc: victim@example.org",
            "contact-message": "Spam",
            "contact-stamp": new_stamp(),
        },
    )
    assert response.status_code == 400
    with translation.override("ar"):
        message = gettext("Write the subject on one line.")
    assert message != "Write the subject on one line."
    assert message in soup(response).select_one("#contact form").get_text()
    assert soup(response).select_one("#id_contact-message").text.strip() == "Spam"
    assert not mail.outbox


def test_a_form_stamp_is_accepted_once(client, milan, seoul_member):
    stamp = soup(client.get(milan.url)).select_one("[name=contact-stamp]")["value"]
    data = {
        "contact-name": "Ana",
        "contact-email": "ana@recife.example.org",
        "contact-subject": "Hello",
        "contact-message": "A question",
        "contact-stamp": stamp,
    }
    url = f"/en/interact/pages/{milan.pk}/contact/"
    assert client.post(url, data).status_code == 302
    replayed = client.post(url, data)
    assert replayed.status_code == 400
    assert "This form was sent already" in replayed.content.decode()
    # The form comes back as it was, with a fresh stamp that works.
    again = soup(replayed).select_one("#contact form")
    assert again.select_one("#id_contact-message").text.strip() == "A question"
    fresh = again.select_one("[name=contact-stamp]")["value"]
    assert fresh != stamp
    assert client.post(url, {**data, "contact-stamp": fresh}).status_code == 302
    assert len(mail.outbox) == 2

    # A cached page shows every visitor the same stamp: another address may use it once.
    assert client.post(url, data, REMOTE_ADDR="198.51.100.7").status_code == 302
    assert client.post(url, data, REMOTE_ADDR="198.51.100.7").status_code == 400
    # A member's use is their own.
    member = member_client(seoul_member)
    once = {"comment-stamp": new_stamp()}
    assert post_comment(member, milan, "First", **once).status_code == 302
    assert post_comment(member, milan, "Again", **once).status_code == 400


def test_members_see_the_focal_points_address(milan, seoul_member):
    assert MILAN_FOCAL_POINT in member_client(seoul_member).get(milan.city.url).content.decode()


def test_contact_form_errors_keep_the_text_and_are_translated(client, demo_initiative):
    french = demo_initiative("fr")
    response = client.post(
        f"/fr/interact/pages/{french.pk}/contact/",
        {
            "contact-name": "Ana",
            "contact-email": "not-an-address",
            "contact-message": "Bonjour",
            "contact-stamp": new_stamp(),
        },
    )
    assert response.status_code == 400
    form = soup(response).select_one("#contact form")
    assert form.select_one("#id_contact-message").text.strip() == "Bonjour"
    assert form.select_one("#id_contact-name")["value"] == "Ana"
    errors = [error.text for error in form.select(".field__error")]
    assert "Saisissez une adresse e-mail valide." in errors
    assert required_in_french() in errors  # the subject
    assert not mail.outbox


def test_contact_rate_limit_answers_429(client, milan, settings):
    settings.INTERACTION_RATES = {**settings.INTERACTION_RATES, "contact": "1/h"}
    data = {
        "contact-name": "Ana",
        "contact-email": "ana@recife.example.org",
        "contact-subject": "Hello",
        "contact-message": "A question",
        "contact-stamp": new_stamp(),
    }
    assert client.post(f"/en/interact/pages/{milan.pk}/contact/", data).status_code == 302
    data["contact-stamp"] = new_stamp()
    response = client.post(f"/en/interact/pages/{milan.pk}/contact/", data)
    assert response.status_code == 429
    assert "You have sent many messages in a short time" in response.content.decode()
    assert len(mail.outbox) == 1


def test_unpublished_pages_cannot_be_contacted(client, milan):
    milan.unpublish()
    response = client.post(f"/en/interact/pages/{milan.pk}/contact/", {})
    assert response.status_code == 404


# Replication network


def test_member_of_another_city_records_a_replication(client, demo_initiative, milan, seoul_member):
    response = member_client(seoul_member).post(
        f"/en/interact/pages/{milan.pk}/replication/",
        {
            "replication-kind": "replicated",
            "replication-note": "Our canteens since 2022.",
            "replication-stamp": new_stamp(),
        },
    )
    assert response.status_code == 302
    (notice,) = mail.outbox
    assert notice.to == [MILAN_FOCAL_POINT]
    assert "Seoul" in notice.body and "Our canteens since 2022." in notice.body

    page = soup(client.get(milan.url)).select_one("#replication")
    assert "1 city replicated this initiative." in page.text
    assert page.select_one("a").text == "Seoul"
    api = json.loads(client.get(f"/api/v2/pages/{milan.pk}/").content)
    assert api["replication"] == {"interested": 0, "replicated": 1}
    french = demo_initiative("fr")
    api = json.loads(client.get(f"/api/v2/pages/{french.pk}/").content)
    assert api["replication"] == {"interested": 0, "replicated": 1}

    # Saying it again changes the city's entry rather than counting the city twice.
    member_client(seoul_member).post(
        f"/en/interact/pages/{milan.pk}/replication/",
        {"replication-kind": "interested", "replication-stamp": new_stamp()},
    )
    assert ReplicationInterest.objects.get().kind == "interested"


def test_only_members_of_another_city_record_replications(client, milan):
    own = member_client(make_member(milan.city, "staff@milan.example.org"))
    response = own.post(
        f"/en/interact/pages/{milan.pk}/replication/", {"replication-kind": "replicated"}
    )
    assert response.status_code == 403
    assert soup(own.get(milan.url)).select_one("#replication form") is None
    anonymous = client.post(
        f"/en/interact/pages/{milan.pk}/replication/", {"replication-kind": "replicated"}
    )
    assert anonymous.status_code == 302 and "/accounts/login/" in anonymous["Location"]
    assert not ReplicationInterest.objects.exists()


def test_api_listing_counts_replications_in_bounded_queries(
    client, milan, seoul, django_assert_max_num_queries
):
    ReplicationInterest.objects.create(
        initiative_key=milan.translation_key,
        page=milan,
        city_key=seoul.translation_key,
        kind="replicated",
    )
    url = "/api/v2/pages/?type=knowledge.InitiativePage&fields=replication&locale=en"
    with django_assert_max_num_queries(20):
        items = json.loads(client.get(url).content)["items"]
    counts = {item["id"]: item["replication"] for item in items}
    assert counts[milan.pk] == {"interested": 0, "replicated": 1}
    assert all(
        count == {"interested": 0, "replicated": 0}
        for page_id, count in counts.items()
        if page_id != milan.pk
    )
