"""No English interface message reaches a reader of another language outside the public pages
either: the e-mails the platform sends, the certification PDFs (certificate and stage report,
their text extracted with pypdf) and the admin screens a translator and a moderator work in, in
ar, zh-hans, ru, es and fr. Same approach as test_english_leaks: the catalogues' English
messages (ours, Django's and Wagtail's) are looked for in what a reader gets; names and content
aside."""

import datetime
import io
import re
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

import wagtail
import wagtail_localize
from wagtail.users.models import UserProfile

import pytest
from pypdf import PdfReader

from certification.certificate_pdf import certificate_pdf
from certification.models import Certificate
from certification.report import build_report
from knowledge.languages.translators import translator_group_names
from knowledge.roles import MODERATORS
from tests.cms.test_english_leaks import (
    CATALOGUE_DIRS,
    LANGUAGES,
    _catalogue,
    _fragments,
    english_messages,
    leaks,
    visible_text,
)
from tests.factories import client_for, make_user

pytestmark = pytest.mark.django_db

WAGTAIL_ADMIN = [
    Path(wagtail.__file__).parent / app / "locale"
    for app in ("admin", "locale", "snippets", "users", "contrib/settings")
] + [Path(wagtail_localize.__file__).parent / "locale"]
APPS = [Path(settings.BASE_DIR) / app for app in ("knowledge", "certification", "cms", "pages")]


def admin_messages(code):
    """english_messages(code) and those of Wagtail's admin and of wagtail-localize."""
    messages = english_messages(code)
    folder = CATALOGUE_DIRS.get(code, code)
    for base in WAGTAIL_ADMIN:
        for entry in _catalogue(base / folder / "LC_MESSAGES" / "django.po"):
            translated = entry.msgstr or next(iter(entry.msgstr_plural.values()), "")
            if entry.obsolete or not translated or translated == entry.msgid:
                continue
            for fragment in _fragments(entry.msgid):
                if fragment not in translated:
                    messages.setdefault(fragment, entry.msgid)
    return messages


class Anything(int):
    """Stands for any value a template asks for: a number, whose every attribute is one too,
    or a date for the attributes that are dates."""

    def __getattr__(self, name):
        if name in DATES:
            return datetime.date(2027, 1, 19)
        return self


DATES = {"expires_on", "date", "deadline"}


NAME = r"([a-z_][a-z0-9_]*)"


def any_context(source):
    """A context that gives each variable of a template's source a value (no loop items)."""
    names = re.findall(r"(?:\{\{|=|\bif|\bnot|\band|\bor)\s*" + NAME, source)
    loops = re.findall(r"\{%\s*for\s+[\w, ]+\s+in\s+" + NAME, source)
    return {name: Anything(3) for name in names} | {name: [] for name in loops}


def email_templates():
    return sorted(
        (f"{path.parent.parent.name}/emails/{path.name}", path.read_text())
        for app in APPS
        for path in app.glob("templates/*/emails/*.txt")
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_email_template_reads_in_the_recipients_language(code):
    """Each e-mail body, rendered as the platform does (inside the recipient's language)."""
    messages = english_messages(code)
    templates = email_templates()
    assert len(templates) >= 25
    found = {}
    with translation.override(code):
        for template, source in templates:
            text = render_to_string(template, any_context(source))
            for msgid in leaks(" ".join(text.split()), messages):
                found.setdefault(msgid, template)
    assert found == {}


@pytest.fixture
def certified(demo_content):
    return Certificate.objects.current().select_related("application").first()


def pdf_text(data):
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages).split()
    )


@pytest.mark.parametrize("code", LANGUAGES)
def test_the_certificate_and_the_stage_report_read_in_the_language(code, certified):
    from weasyprint import HTML

    messages = english_messages(code)
    application = certified.application
    application.language = code  # a city writing in `code`: its certificate is in `code`
    certificate = Certificate.objects.select_related("application").get(pk=certified.pk)
    certificate.application = application
    certificate_text = pdf_text(certificate_pdf(certificate, "http://testserver/"))

    request = RequestFactory().get("/")
    with translation.override(code):
        html = render_to_string(
            "certification/report_pdf.html", {"report": build_report(application, code)}, request
        )
    report_text = pdf_text(HTML(string=html, base_url="http://testserver/").write_pdf())

    assert certificate.number in certificate_text
    assert leaks(certificate_text, messages) == []
    assert leaks(report_text, messages) == []


def _admin_user(username, group, code):
    user = make_user(username, group)
    profile = UserProfile.get_for_user(user)
    profile.preferred_language = code
    profile.save()
    return client_for(user)


@pytest.mark.parametrize("code", LANGUAGES)
def test_a_translators_and_a_moderators_admin_read_in_their_language(code, demo_content):
    messages = admin_messages(code)
    group = translator_group_names()[code]
    translator = _admin_user(f"translator-{code}", group, code)
    moderator = _admin_user(f"moderator-{code}", MODERATORS, code)
    found = {}

    def check(client, path):
        response = client.get(path, HTTP_ACCEPT_LANGUAGE="en")
        assert response.status_code == 200, path
        # The site's name in Wagtail's admin (WAGTAIL_SITE_NAME) is a name, as a page's title
        # is: not an interface message, although the public pages translate it.
        text = visible_text(response.content, code).replace(settings.WAGTAIL_SITE_NAME, " ")
        for msgid in leaks(text, messages):
            found.setdefault(msgid, path)

    for path in [
        "/admin/",
        f"/admin/translations/?language={code}",
        "/admin/reports/out-of-date-translations/",
        "/admin/snippets/knowledge/theme/",
        "/admin/snippets/pages/navigationmenu/",
        "/admin/account/",
    ]:
        check(translator, path)
    for path in ["/admin/", "/admin/registrations/", "/admin/account/"]:
        check(moderator, path)
    assert found == {}
