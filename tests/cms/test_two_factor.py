"""Staff sign in with a second factor (TOTP, recovery codes) when STAFF_REQUIRE_2FA is on."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import Client
from django.utils import translation

import pytest
from bs4 import BeautifulSoup
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from cms import roles
from cms.two_factor.forms import wrong_code

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a-long-enough-passphrase-42"


def forgive(device):
    """After a wrong code django-otp refuses every code for a second, doubling each time."""
    TOTPDevice.objects.filter(pk=device.pk).update(
        throttling_failure_timestamp=None, throttling_failure_count=0
    )


def current_code(device):
    return f"{totp(device.bin_key, device.step, device.t0, device.digits, device.drift):06d}"


@pytest.fixture
def require_2fa(settings):
    settings.STAFF_REQUIRE_2FA = True


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", "editor@example.org", PASSWORD)
    user.groups.add(Group.objects.get(role__role=roles.EDITORS))
    return user


def sign_in(client, user):
    response = client.post("/admin/login/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_staff_without_a_device_cannot_reach_the_admin(client, editor, require_2fa):
    sign_in(client, editor)

    response = client.get("/admin/pages/")

    assert response.status_code == 302
    assert response["Location"] == "/en/accounts/two-factor/setup/?next=%2Fadmin%2Fpages%2F"
    assert client.get("/admin/").status_code == 302


def test_without_the_setting_staff_sign_in_with_a_password(client, editor, settings):
    settings.STAFF_REQUIRE_2FA = False
    sign_in(client, editor)

    assert client.get("/admin/").status_code == 200


def test_city_members_are_not_asked_for_one(client, require_2fa):
    member = User.objects.create_user("member", "member@example.org", PASSWORD)
    client.force_login(member)

    assert client.get("/en/accounts/password/").status_code == 200


def test_superusers_are_asked_for_one(client, require_2fa):
    admin = User.objects.create_superuser("root", "root@example.org", PASSWORD)
    client.force_login(admin)

    assert client.get("/admin/").status_code == 302


@pytest.mark.parametrize("language", ["en", "ar"])
def test_setting_up_totp_and_signing_in_with_a_code(client, editor, require_2fa, language):
    sign_in(client, editor)
    setup_url = f"/{language}/accounts/two-factor/setup/"

    page = client.get(setup_url, {"next": "/admin/"})
    assert page.status_code == 200
    html = BeautifulSoup(page.content, "html.parser")
    assert html.html["lang"] == language
    assert html.select_one(".two-factor__qr img")["src"].startswith("data:image/svg+xml")
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert html.select_one(".two-factor__secret").get_text().replace(" ", "") in device.config_url

    with translation.override(language):
        expected_error = str(wrong_code())
    wrong = client.post(setup_url, {"token": "000000", "next": "/admin/"})
    assert wrong.status_code == 400
    assert expected_error in wrong.content.decode()
    assert client.get("/admin/").status_code == 302
    forgive(device)

    done = client.post(setup_url, {"token": current_code(device), "next": "/admin/"})
    assert done.status_code == 200
    codes = [c.get_text() for c in BeautifulSoup(done.content, "html.parser").select("code")]
    assert len(codes) == 10
    assert client.get("/admin/").status_code == 200

    # Signing in again: the password, then a code.
    device.refresh_from_db()
    assert device.confirmed
    device.last_t = -1  # the code above may be used once only; the test is within its 30 s
    device.save()
    other = Client()
    sign_in(other, editor)
    held = other.get("/admin/")
    assert held.status_code == 302
    assert held["Location"].startswith("/en/accounts/two-factor/verify/")
    verify_url = f"/{language}/accounts/two-factor/verify/"
    refused = other.post(verify_url, {"token": "123456", "next": "/admin/"})
    assert refused.status_code == 400
    assert expected_error in refused.content.decode()
    assert 'lang="' + language + '"' in refused.content.decode()
    forgive(device)

    accepted = other.post(verify_url, {"token": current_code(device), "next": "/admin/"})
    assert accepted.status_code == 302
    assert accepted["Location"] == "/admin/"
    assert other.get("/admin/").status_code == 200


def test_a_recovery_code_signs_in_once(client, editor, require_2fa):
    sign_in(client, editor)
    device = TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=False)
    response = client.post("/en/accounts/two-factor/setup/", {"token": current_code(device)})
    codes = re.findall(r"<code>([0-9a-f]{10})</code>", response.content.decode())
    assert len(codes) == 10

    first = Client()
    sign_in(first, editor)
    assert first.post("/en/accounts/two-factor/verify/", {"token": codes[0]}).status_code == 302
    assert first.get("/admin/").status_code == 200
    second = Client()
    sign_in(second, editor)
    assert second.post("/en/accounts/two-factor/verify/", {"token": codes[0]}).status_code == 400
    assert StaticToken.objects.filter(device__user=editor).count() == 9


def test_new_recovery_codes_replace_the_old_ones(client, editor, require_2fa):
    sign_in(client, editor)
    device = TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=False)
    client.post("/en/accounts/two-factor/setup/", {"token": current_code(device)})
    old = set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))

    response = client.post("/en/accounts/two-factor/recovery-codes/")

    assert response.status_code == 200
    new = set(StaticToken.objects.filter(device__user=editor).values_list("token", flat=True))
    assert len(new) == 10 and not new & old


def test_a_member_who_set_one_up_is_asked_for_it(client, settings):
    settings.STAFF_REQUIRE_2FA = False
    member = User.objects.create_user("member", "member@example.org", PASSWORD)
    TOTPDevice.objects.create(user=member, name="authenticator", confirmed=True)
    client.force_login(member)

    response = client.get("/en/accounts/password/")

    assert response.status_code == 302
    assert response["Location"].startswith("/en/accounts/two-factor/verify/")


def test_the_next_address_stays_on_the_site(client, editor, require_2fa):
    sign_in(client, editor)
    device = TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)

    response = client.post(
        "/en/accounts/two-factor/verify/",
        {"token": current_code(device), "next": "https://evil.example.com/"},
    )

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_an_administrator_removes_a_lost_second_factor(editor):
    from io import StringIO

    from django.core.management import call_command

    TOTPDevice.objects.create(user=editor, name="authenticator", confirmed=True)

    call_command("reset_second_factor", "editor", stdout=StringIO())

    assert not TOTPDevice.objects.filter(user=editor).exists()


@pytest.mark.parametrize("language", ["en", "ar"])
def test_right_after_a_wrong_code_the_reader_is_told_to_wait(client, editor, require_2fa, language):
    sign_in(client, editor)
    setup_url = f"/{language}/accounts/two-factor/setup/"
    client.get(setup_url)
    device = TOTPDevice.objects.get(user=editor, confirmed=False)
    assert client.post(setup_url, {"token": "000000"}).status_code == 400

    # django-otp now refuses even the right code for a second: say so, not "not valid".
    held = client.post(setup_url, {"token": current_code(device)})

    assert held.status_code == 400
    with translation.override(language):
        expected = translation.ngettext(
            "Too many wrong codes: wait %(seconds)s second and try again.",
            "Too many wrong codes: wait %(seconds)s seconds and try again.",
            1,
        ) % {"seconds": 1}
        assert expected != str(wrong_code())
    assert expected in held.content.decode()
    assert language == "en" or "Too many" not in expected
