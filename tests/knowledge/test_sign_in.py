"""Sign-in throttling: per user name and address, bounded across addresses, behind a proxy."""

from django.contrib.auth import get_user_model
from django.test import Client
from django.utils import translation
from django.utils.translation import gettext

import pytest
from axes.models import AccessAttempt
from bs4 import BeautifulSoup

from .members import PASSWORD

pytestmark = pytest.mark.django_db

VARNISH = "127.0.0.1"
LOGIN = "/en/accounts/login/"


@pytest.fixture(autouse=True)
def behind_varnish(settings):
    settings.TRUSTED_PROXIES = [VARNISH]
    settings.CLIENT_IP_HEADER = "X-Forwarded-For"
    settings.AXES_FAILURE_LIMIT = 5
    settings.AXES_USERNAME_FAILURE_LIMIT = 8


@pytest.fixture
def ana(db):
    return get_user_model().objects.create_user(
        "ana@recife.example.org", "ana@recife.example.org", PASSWORD
    )


@pytest.fixture
def ben(db):
    return get_user_model().objects.create_user(
        "ben@recife.example.org", "ben@recife.example.org", PASSWORD
    )


def sign_in(user, password, client_address, path=LOGIN):
    return Client().post(
        path,
        {"username": user.username, "password": password},
        REMOTE_ADDR=VARNISH,
        HTTP_X_FORWARDED_FOR=client_address,
    )


def translated(language, message):
    with translation.override(language):
        text = gettext(message)
    assert text != message
    return text


def test_five_failures_lock_the_user_from_that_address_only(ana, ben):
    for _ in range(4):
        assert sign_in(ana, "wrong", "203.0.113.1").status_code == 200
    assert sign_in(ana, "wrong", "203.0.113.1").status_code == 429  # the fifth

    locked = sign_in(ana, PASSWORD, "203.0.113.1")
    assert locked.status_code == 429
    assert "from your connection" in locked.content.decode()
    # Ana signs in from elsewhere, behind the same Varnish; Ben from Ana's address.
    assert sign_in(ana, PASSWORD, "203.0.113.2").status_code == 302
    assert sign_in(ben, PASSWORD, "203.0.113.1").status_code == 302
    # What axes recorded is the client's address, not the proxy's.
    assert set(AccessAttempt.objects.values_list("ip_address", flat=True)) == {"203.0.113.1"}


def test_guessing_from_many_addresses_is_bounded(ana):
    for n in range(7):
        assert sign_in(ana, f"guess-{n}", f"198.51.100.{n + 1}").status_code == 200
    assert sign_in(ana, "guess-8", "198.51.100.8").status_code == 429  # the eighth

    refused = sign_in(ana, PASSWORD, "192.0.2.99", path="/ar/accounts/login/")
    assert refused.status_code == 429
    message = translated(
        "ar",
        "Sign-in is paused for this account after many wrong passwords from several places. "
        "Try again after the pause (%(minutes)s min), or reset your password.",
    )
    assert message % {"minutes": 15} in BeautifulSoup(refused.content, "html.parser").get_text()


def test_fewer_failures_spread_over_addresses_lock_nobody(ana):
    for n in range(7):
        sign_in(ana, f"guess-{n}", f"198.51.100.{n + 1}")
    assert sign_in(ana, PASSWORD, "192.0.2.99").status_code == 302


@pytest.mark.parametrize("path", [LOGIN, "/fr/accounts/login/", "/admin/login/"])
def test_a_very_long_user_name_is_a_form_error(path):
    response = Client().post(path, {"username": "a" * 300 + "@example.org", "password": "x"})

    assert response.status_code == 200
    page = BeautifulSoup(response.content, "html.parser")
    assert page.select_one("input[name=username]") is not None
    if path.startswith("/fr/"):
        errors = page.select_one(".field__error").get_text()
        assert "Assurez-vous que cette valeur comporte au plus 150 caractères" in errors
    assert not AccessAttempt.objects.exists()


def test_axes_keeps_user_names_within_its_column(rf):
    from cms.sign_in import attempted_username

    request = rf.post(LOGIN, {"username": "b" * 400})
    assert attempted_username(request) == "b" * 255
    assert attempted_username(request, {"username": "c" * 300}) == "c" * 255
