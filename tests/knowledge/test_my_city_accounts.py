"""My City's accounts: sign-in throttling, password reset, e-mail change, the focal point's
handover and registrations."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import translation
from django.utils.translation import gettext as _

import pytest

from knowledge.base.spam import new_stamp
from knowledge.models import (
    CityMembership,
    CityPage,
    Registration,
)

from .members import PASSWORD, make_member, member_client
from .my_city_helpers import english_city, link_in, soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


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
