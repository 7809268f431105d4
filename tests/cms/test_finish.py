"""The finish of every page: compressed HTML, icons, titles, meta descriptions, breadcrumbs and
the header's account links and current section."""

import gzip
import re

from django.contrib.auth import get_user_model
from django.utils import translation

import pytest

from cms.templatetags.cms_tags import SITE_DESCRIPTION
from knowledge.models import Registration
from tests.cms.test_bad_input import LANGUAGES
from tests.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
)

pytestmark = pytest.mark.django_db


def text(response):
    return response.content.decode()


def test_html_is_compressed_for_anonymous_visitors(client, homes):
    response = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip, br")

    assert response["Content-Encoding"] == "gzip"
    assert "Accept-Encoding" in response["Vary"]
    html = gzip.decompress(response.content).decode()
    assert "<title>" in html
    assert len(response.content) < len(html) / 2
    # Without Accept-Encoding, plain HTML.
    plain = client.get("/en/")
    assert not plain.has_header("Content-Encoding")
    assert text(plain) == html


def test_pages_of_signed_in_members_are_not_compressed(client, homes):
    # They may carry secrets (BREACH): see cms.compression.
    user = get_user_model().objects.create_user("m@example.org", "m@example.org", "pw-long-42!")
    client.force_login(user)

    response = client.get("/en/", HTTP_ACCEPT_ENCODING="gzip")

    assert response.status_code == 200
    assert not response.has_header("Content-Encoding")


def test_favicon_and_touch_icon_answer_at_the_root(client, homes):
    icon = client.get("/favicon.ico")
    assert icon.status_code == 200
    assert icon["Content-Type"] == "image/x-icon"
    assert b"".join(icon.streaming_content)[:4] == b"\x00\x00\x01\x00"  # ICO header
    touch = client.get("/apple-touch-icon.png")
    assert touch.status_code == 200
    assert b"".join(touch.streaming_content)[:8] == b"\x89PNG\r\n\x1a\n"

    html = text(client.get("/en/"))
    assert re.search(r'<link rel="icon" href="/static/icons/favicon\.ico', html)
    assert '<link rel="apple-touch-icon" href="/static/icons/apple-touch-icon.png">' in html


def test_home_title_does_not_repeat_the_site_name(client, homes):
    for language in LANGUAGES:
        html = text(client.get(f"/{language}/"))
        title = re.search(r"<title>(.*?)</title>", html).group(1)
        assert title == homes[language].title
        assert "·" not in title


@pytest.mark.parametrize(
    ("url", "description"),
    [
        ("/en/certification/", "How cities earn the SDG Cities certification"),
        ("/en/certification/verify/", "Check by its number that an SDG Cities certificate"),
        ("/en/my-city/register/", "Ask to join the platform on behalf of your city"),
        ("/en/accounts/login/", "Sign in as a member of your city"),
        # Views without one of their own get the platform's.
        ("/en/accounts/reset/", "A platform where cities share the policies"),
        ("/en/search/", "A platform where cities share the policies"),
    ],
)
def test_every_page_has_a_meta_description(client, homes, url, description):
    html = text(client.get(url))

    assert len(re.findall(r'<meta name="description" content="', html)) == 1
    assert f'<meta name="description" content="{description}' in html


def test_meta_description_is_translated(client, homes):
    html = text(client.get("/fr/accounts/reset/"))

    with translation.override("fr"):
        description = translation.gettext(SITE_DESCRIPTION)
    assert description.startswith("Une plateforme")
    assert f'<meta name="description" content="{description}' in html.replace("&#x27;", "'")


def crumbs(html):
    trail = re.search(r'<nav class="breadcrumbs".*?</nav>', html, re.S).group(0)
    return [re.sub(r"<[^>]+>", "", item).strip() for item in re.findall(r"<li>(.*?)</li>", trail)]


def test_breadcrumbs_on_views_name_their_section_and_title(client, homes):
    assert crumbs(text(client.get("/en/certification/verify/"))) == [
        "Home",
        "Certification",
        "Verify a certificate",
    ]
    assert crumbs(text(client.get("/en/accounts/login/"))) == ["Home", "Sign in"]
    assert crumbs(text(client.get("/en/certification/"))) == ["Home", "Certification"]
    verify = text(client.get("/en/certification/verify/"))
    assert '<a href="/en/certification/" aria-current="true">Certification</a>' in verify


def test_initiative_page_highlights_initiatives_and_shows_its_trail(client, homes):
    home = homes["en"]
    InitiativeIndexPageFactory(parent=home, show_in_menus=True)
    cities = CityIndexPageFactory(parent=home, show_in_menus=True)
    seoul = CityPageFactory(parent=cities, title="Seoul")
    initiative = InitiativePageFactory(parent=seoul, title="Bus reform")

    html = text(client.get(initiative.url))

    menu = re.search(r'<nav class="main-menu".*?</nav>', html, re.S).group(0)
    assert '<a href="/en/initiatives/" aria-current="true">Initiatives</a>' in menu
    assert '<a href="/en/cities/">' in menu
    assert menu.count("aria-current") == 1
    assert crumbs(html) == ["Home", "Cities", "Seoul", "Bus reform"]
    index = text(client.get("/en/initiatives/"))
    assert '<a href="/en/initiatives/" aria-current="page">Initiatives</a>' in index


@pytest.mark.parametrize("language", LANGUAGES)
def test_header_offers_sign_in_and_join_then_my_city_and_sign_out(client, homes, language):
    with translation.override(language):
        join = translation.gettext("Join the platform")
        sign_in = translation.gettext("Sign in")
        sign_out = translation.gettext("Sign out")
    header = text(client.get(f"/{language}/")).split("</header>")[0]
    assert f'href="/{language}/my-city/register/">{join}</a>' in header
    assert f'href="/{language}/accounts/login/">{sign_in}</a>' in header
    assert sign_out not in header

    user = get_user_model().objects.create_user("m@example.org", "m@example.org", "pw-long-42!")
    client.force_login(user)
    header = text(client.get(f"/{language}/")).split("</header>")[0]
    assert (
        f'<form class="account-nav__form" method="post" action="/{language}/accounts/logout/">'
        in header
    )
    assert f'<button type="submit" class="account-link">{sign_out}</button>' in header
    assert join not in header


def test_sign_out_from_the_header_returns_to_the_home_page(client, homes):
    user = get_user_model().objects.create_user("m@example.org", "m@example.org", "pw-long-42!")
    client.force_login(user)

    response = client.post("/ar/accounts/logout/", {"next": "/ar/"})

    assert response.status_code == 302
    assert response["Location"] == "/ar/"
    assert "_auth_user_id" not in client.session
    assert Registration.objects.count() == 0


def test_initiatives_listing_keeps_its_heading_and_a_separate_live_region(client, homes):
    InitiativeIndexPageFactory(parent=homes["en"])

    html = text(client.get("/en/initiatives/"))

    assert '<h2 id="results-heading">Results</h2>' in html
    assert re.search(r'<p class="results-count" role="status">\s*0 initiatives', html)
    assert not re.search(r"<h\d[^>]*role=", html)
