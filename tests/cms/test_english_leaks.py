"""No English interface message reaches a reader of another language: every page type, the
public forms (with their errors), a member's forms, a page served untranslated, the error page
and the e-mails, rendered in ar, zh-hans, ru, es and fr, are searched for the English messages
of our catalogues and of Django's and Wagtail's (names and content aside)."""

import re
from pathlib import Path

import django
from django.conf import settings
from django.core import mail
from django.test import Client

import wagtail

import polib
import pytest
from bs4 import BeautifulSoup

from knowledge.base.spam import new_stamp
from knowledge.models import CityPage, InitiativePage
from tests.factories import StandardPageFactory
from tests.knowledge.members import PASSWORD, make_member, member_client

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

LANGUAGES = ["ar", "zh-hans", "ru", "es", "fr"]
CATALOGUE_DIRS = {"zh-hans": "zh_Hans"}
PLACEHOLDER = re.compile(r"%\(\w+\)[sd]|%[sd]|\{\w*\}")
# Third-party catalogues whose messages reach public pages: form validation, auth, images.
THIRD_PARTY = [
    Path(django.__file__).parent / "conf" / "locale",
    Path(django.__file__).parent / "contrib" / "auth" / "locale",
    Path(wagtail.__file__).parent / "images" / "locale",
    Path(wagtail.__file__).parent / "documents" / "locale",
]
PAGE_TYPES = [
    "pages.HomePage",
    "pages.StandardPage",
    "knowledge.InitiativeIndexPage",
    "knowledge.InitiativePage",
    "knowledge.CityIndexPage",
    "knowledge.CityPage",
    "pages.EventIndexPage",
    "pages.EventPage",
    "pages.WebinarIndexPage",
    "pages.WebinarPage",
    "pages.PartnerIndexPage",
    "pages.PartnerPage",
    "pages.SDGIndexPage",
]


def _fragments(msgid):
    """The parts of an English message that would show on a page: the text between its
    placeholders, of two words or more and twelve characters (shorter ones are names and
    labels that content shares)."""
    for part in PLACEHOLDER.split(msgid):
        part = " ".join(part.split()).strip(" .:,;")
        if len(part.split()) >= 2 and len(part) >= 12:
            yield part


def _catalogue(path):
    try:
        return polib.pofile(str(path))
    except OSError:
        return []


def english_messages(code):
    """{English fragment: msgid} of every message translated differently into `code`."""
    folder = CATALOGUE_DIRS.get(code, code)
    files = [Path(settings.BASE_DIR) / "locale" / folder / "LC_MESSAGES" / "django.po"]
    files += [base / folder / "LC_MESSAGES" / "django.po" for base in THIRD_PARTY]
    messages = {}
    for path in files:
        for entry in _catalogue(path):
            translated = entry.msgstr or next(iter(entry.msgstr_plural.values()), "")
            if entry.obsolete or not translated or translated == entry.msgid:
                continue
            for msgid in filter(None, (entry.msgid, entry.msgid_plural)):
                for fragment in _fragments(msgid):
                    if fragment not in translated:
                        messages.setdefault(fragment, msgid)
    return messages


def visible_text(html, code):
    """What a reader sees and hears of a page in `code`: text and labels, without content in
    another language (marked with its own lang, as a page served untranslated is)."""
    page = BeautifulSoup(html, "html.parser")
    for node in page(["script", "style", "template"]):
        node.decompose()
    for node in page.select("[lang]"):
        if node.name != "html" and node.get("lang") != code:
            node.decompose()
    texts = [page.get_text(" ")]
    for attribute in ("placeholder", "title", "aria-label", "alt"):
        texts += [node[attribute] for node in page.select(f"[{attribute}]")]
    texts += [node.get("value", "") for node in page.select("input[type=submit]")]
    return " ".join(" ".join(texts).split())


def leaks(text, messages):
    return sorted(msgid for fragment, msgid in messages.items() if fragment in text)


def pages_of_every_type(code):
    from django.apps import apps

    urls = []
    for label in PAGE_TYPES:
        model = apps.get_model(label)
        page = model.objects.live().filter(locale__language_code=code).first()
        assert page is not None, (label, code)
        urls.append(page.url)
    return urls


@pytest.fixture
def english_only_page(homes):
    return StandardPageFactory(parent=homes["en"], title="Only in English", intro="Words.")


@pytest.mark.parametrize("code", LANGUAGES)
def test_no_english_interface_message_reaches_a_reader_of_another_language(code, english_only_page):
    messages = english_messages(code)
    assert len(messages) > 500  # the catalogues were read
    # Wagtail's image help text, once shown in English on My City's form, is looked for.
    assert {"Supported formats", "Maximum filesize"} <= set(messages)
    anonymous = Client()
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    member = member_client(make_member(seoul, f"leak-{code}@seoul.example.org"))
    found = {}

    def check(client, path, method="get", data=None):
        response = getattr(client, method)(path, data or {})
        assert response.status_code < 500, path
        if response.get("Content-Type", "").startswith("text/html"):
            for msgid in leaks(visible_text(response.content, code), messages):
                found.setdefault(msgid, path)

    for url in pages_of_every_type(code):
        check(anonymous, url)
    for path in [
        f"/{code}/sdgs/11/",
        f"/{code}/search/?q=city",
        f"/{code}/search/?q=zzzzqqq",
        f"/{code}/initiatives/?sdg=99",
        f"/{code}/my-city/register/",
        f"/{code}/accounts/login/",
        f"/{code}/certification/",
        f"/{code}/no-such-page/",
        english_only_page.url.replace("/en/", f"/{code}/", 1),
    ]:
        check(anonymous, path)
    # Forms refused, with their errors.
    check(anonymous, f"/{code}/my-city/register/", "post", {"stamp": new_stamp()})
    check(anonymous, f"/{code}/accounts/login/", "post", {"username": "x", "password": "y"})
    initiative = pages_of_every_type(code)[3]

    milan = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code=code)
    check(anonymous, f"/{code}/interact/pages/{milan.pk}/contact/", "post", {"contact-name": ""})
    check(anonymous, initiative)
    # A member's forms.
    for path in [f"/{code}/my-city/", f"/{code}/my-city/initiatives/new/"]:
        check(member, path)
    check(member, f"/{code}/my-city/initiatives/new/", "post", {"title": ""})
    check(member, f"/{code}/interact/pages/{milan.pk}/comments/", "post", {"comment-body": ""})

    # E-mails: joining the platform from a page in the language.
    mail.outbox.clear()
    response = Client(REMOTE_ADDR="192.0.2.77").post(
        f"/{code}/my-city/register/",
        {
            "name": "Reader",
            "email": f"reader-{code}@example.org",
            "password": PASSWORD,
            "city": str(
                CityPage.objects.get(
                    translation_key=seoul.translation_key, locale__language_code=code
                ).pk
            ),
            "position": "Officer",
            "organisation": "City hall",
            "motivation": "To share",
            "privacy": "on",
            "stamp": new_stamp(),
        },
    )
    assert found == {}
    assert response.status_code == 302, visible_text(response.content, code)[:2000]
    assert mail.outbox, "the registration sends a confirmation e-mail"
    for message in mail.outbox:
        text = " ".join(f"{message.subject} {message.body}".split())
        for msgid in leaks(text, messages):
            found.setdefault(msgid, f"e-mail: {message.subject}")

    assert found == {}
