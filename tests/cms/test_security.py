"""Passwords, session limits, the Content-Security-Policy and the Permissions-Policy."""

import re
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from wagtail.models import Page

import pytest
import yaml

from cms import security
from knowledge.models import SustainableDevelopmentGoal

pytestmark = pytest.mark.django_db

User = get_user_model()
PASSWORD = "a-long-enough-passphrase-42"


def policy(response):
    return dict(
        (part.split()[0], part.split()[1:])
        for part in response["Content-Security-Policy"].split(";")
        if part.strip()
    )


@pytest.fixture
def member(db):
    return User.objects.create_user("member", "member@example.org", PASSWORD)


# Passwords


@pytest.mark.parametrize("password", ["Short-pw-1", "password1234", "qwertyuiop123"])
def test_short_and_common_passwords_are_refused(password):
    with pytest.raises(ValidationError):
        validate_password(password)


def test_a_long_uncommon_password_passes():
    validate_password("river-lantern-orbit-7")


# Sessions


def test_an_idle_session_is_signed_out(client, member, settings):
    settings.SESSION_IDLE_MINUTES = 30
    client.force_login(member)
    assert client.get("/en/accounts/password/").status_code == 200

    session = client.session
    session[security.LAST_SEEN_AT] = int(time.time()) - 31 * 60
    session.save()

    response = client.get("/en/accounts/password/")
    assert response.status_code == 302
    assert "/login/" in response["Location"]


def test_an_active_session_ends_after_its_absolute_lifetime(client, member, settings):
    settings.SESSION_ABSOLUTE_HOURS = 12
    client.force_login(member)
    session = client.session
    session[security.SIGNED_IN_AT] = int(time.time()) - 12 * 3600 - 1
    session[security.LAST_SEEN_AT] = int(time.time())
    session.save()

    response = client.get("/en/accounts/password/")
    assert response.status_code == 302


def test_a_session_in_use_stays_signed_in(client, member):
    client.force_login(member)
    session = client.session
    session[security.LAST_SEEN_AT] = int(time.time()) - 20 * 60
    session.save()

    assert client.get("/en/accounts/password/").status_code == 200
    assert client.session[security.LAST_SEEN_AT] >= int(time.time()) - 5


def test_the_session_cookie_lives_no_longer_than_the_absolute_lifetime():
    assert settings.SESSION_COOKIE_AGE == settings.SESSION_ABSOLUTE_HOURS * 3600


def test_changing_the_password_ends_the_other_sessions(client, member, django_user_model):
    from django.test import Client

    other = Client()
    other.force_login(member)
    client.force_login(member)
    assert other.get("/en/accounts/password/").status_code == 200

    response = client.post(
        "/en/accounts/password/",
        {
            "old_password": PASSWORD,
            "new_password1": "another-long-passphrase-43",
            "new_password2": "another-long-passphrase-43",
        },
    )

    assert response.status_code == 302
    assert client.get("/en/accounts/password/").status_code == 200  # this one goes on
    assert other.get("/en/accounts/password/").status_code == 302  # the other one is signed out


# Headers


def test_the_public_policy_allows_no_inline_code(client, homes):
    response = client.get("/en/")

    directives = policy(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert directives["script-src"][0] == "'self'"
    assert directives["object-src"] == ["'none'"]
    assert directives["frame-ancestors"] == ["'self'"]
    assert "camera=()" in response["Permissions-Policy"]
    assert "geolocation=()" in response["Permissions-Policy"]


def test_the_admin_gets_the_policy_wagtail_supports(admin_client):
    response = admin_client.get("/admin/")

    assert response.status_code == 200
    directives = policy(response)
    assert directives["script-src"] == ["'self'", "'unsafe-inline'"]
    assert directives["style-src"] == ["'self'", "'unsafe-inline'"]
    assert "blob:" in directives["img-src"]
    assert "'nonce-" not in response["Content-Security-Policy"]
    assert "camera=()" in response["Permissions-Policy"]


def test_the_admin_sign_in_page_has_the_admin_policy(client, db):
    response = client.get("/admin/login/")

    assert "'unsafe-inline'" in policy(response)["script-src"]


def test_error_pages_carry_the_nonce_of_their_styles(client, homes, monkeypatch):
    from django.db import OperationalError

    from cms import serve

    def broken(*args, **kwargs):
        raise OperationalError("database gone")

    monkeypatch.setattr(serve.wagtail_views, "serve", broken)
    client.raise_request_exception = False
    response = client.get("/en/")

    assert response.status_code == 503
    nonce = re.search(r'<style nonce="([^"]+)"', response.content.decode())[1]
    assert f"'nonce-{nonce}'" in policy(response)["style-src"]


def test_pages_have_no_inline_scripts_or_style_attributes(client, homes):
    html = client.get("/en/").content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert " style=" not in html


def test_the_sdg_colour_classes_match_the_goals():
    css = (settings.PROJECT_DIR / "static" / "css" / "site.css").read_text()
    classes = dict(re.findall(r"\.sdg-colour-(\d+) \{ --sdg-colour: (#[0-9A-Fa-f]{6});", css))
    colours = yaml.safe_load(
        (settings.BASE_DIR / "knowledge" / "data" / "sdg" / "colors.yml").read_text()
    )

    assert {int(n): c.upper() for n, c in classes.items()} == {
        int(n): c.upper() for n, c in colours.items()
    }
    for goal in SustainableDevelopmentGoal.objects.all():
        assert classes[str(goal.number)].upper() == goal.color.upper()


def test_every_public_page_type_has_both_headers(client, demo_content):
    checked = set()
    for page in Page.objects.live().public().specific().order_by("depth", "pk"):
        model = type(page).__name__
        if model in checked or not page.url:
            continue
        response = client.get(page.url)
        assert response.status_code == 200, page.url
        assert "script-src 'self'" in response["Content-Security-Policy"], page.url
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], page.url
        assert "Permissions-Policy" in response, page.url
        checked.add(model)
    others = ["/en/sdgs/11/", "/en/search/?q=water", "/en/accounts/login/", "/en/my-city/register/"]
    for path in others:
        response = client.get(path)
        assert response.status_code == 200, path
        assert "'unsafe-inline'" not in response["Content-Security-Policy"], path
    assert {"HomePage", "InitiativePage", "CityPage", "EventPage", "WebinarPage"} <= checked
