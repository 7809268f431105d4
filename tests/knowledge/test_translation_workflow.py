"""A translator localises an initiative with wagtail-localize, through the admin.

The English initiative is submitted for translation into French, which creates an unpublished
French draft; the translator downloads the PO file, fills it in, uploads it and publishes. When
the English source changes, "Sync translated pages" brings the change across: strings that did
not change keep their French text, and a changed string shows the English text until it is
translated again.
"""

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.models import Locale
from wagtail_localize.models import Translation, TranslationSource

import polib
import pytest

from knowledge.models import InitiativePage
from tests.factories import InitiativePageFactory

from .conftest import soup

pytestmark = pytest.mark.django_db

SLUG = "cheonggyecheon-restoration"
FRENCH_URL = f"/fr/cities/seoul/{SLUG}/"
FRENCH_INITIATIVES = {"type": "knowledge.InitiativePage", "locale": "fr"}

ENGLISH = {
    "title": "Cheonggyecheon restoration",
    "summary": "A covered stream becomes a public park again.",
    "background": "An elevated road covered the stream.",
    "actions": "The road was removed.",
}
# What the translator types into the PO file, by English text; the actions stay untranslated.
FRENCH = {
    ENGLISH["title"]: "Restauration du Cheonggyecheon",
    ENGLISH["summary"]: "Un ruisseau couvert redevient un parc public.",
    ENGLISH["background"]: "Une voie express surélevée couvrait le ruisseau.",
}
NEW_SUMMARY = "A covered stream and its banks become a public park again."


@pytest.fixture
def initiative(seoul):
    """A published English initiative under Seoul."""
    return InitiativePageFactory(
        parent=seoul,
        title=ENGLISH["title"],
        slug=SLUG,
        summary=ENGLISH["summary"],
        background=f"<p>{ENGLISH['background']}</p>",
        actions=f"<p>{ENGLISH['actions']}</p>",
        sdgs=[11],
        themes=["transport"],
    )


class Translator:
    """A superuser in the admin.

    wagtail-localize publishes in transaction.on_commit, which the test's own transaction never
    reaches; each POST runs those callbacks, as the end of a real request would.
    """

    def __init__(self, client, capture_on_commit_callbacks):
        self.client = client
        self.capture_on_commit_callbacks = capture_on_commit_callbacks

    def post(self, url, data, **kwargs):
        with self.capture_on_commit_callbacks(execute=True):
            return self.client.post(url, data, **kwargs)

    def submit(self, page, language_code):
        """Submits `page` for translation ("Translate this page"); returns the Translation."""
        locale = Locale.objects.get(language_code=language_code)
        url = reverse("wagtail_localize:submit_page_translation", args=[page.pk])
        response = self.post(url, {"locales": [locale.pk]})
        assert response.status_code == 302, response.content
        return Translation.objects.get(
            source__object_id=page.translation_key, target_locale=locale, enabled=True
        )

    def download_po(self, translation):
        response = self.client.get(
            reverse("wagtail_localize:download_pofile", args=[translation.pk])
        )
        assert response.status_code == 200
        assert response["Content-Type"] == "text/x-gettext-translation"
        return polib.pofile(response.content.decode())

    def upload_po(self, translation, po):
        url = reverse("wagtail_localize:upload_pofile", args=[translation.pk])
        upload = SimpleUploadedFile("initiative-fr.po", str(po).encode())
        response = self.post(url, {"file": upload, "next": "/admin/"}, follow=True)
        # The view redirects with a message either way; a file it refuses gives an error.
        messages = [str(message).strip() for message in response.context["messages"]]
        assert messages[-1] == "Successfully imported translations from PO File."

    def publish(self, page):
        """The translation editor's publish action (the edit view of the translated page)."""
        url = reverse("wagtailadmin_pages:edit", args=[page.pk])
        response = self.post(url, {"action": "publish"})
        assert response.status_code == 302, response.content

    def sync(self, source_page, publish):
        """The source page's "Sync translated pages", optionally publishing the translations."""
        source = TranslationSource.objects.get_for_instance(source_page)
        url = reverse("wagtail_localize:update_translations", args=[source.pk])
        response = self.post(url, {"publish_translations": "on"} if publish else {})
        assert response.status_code == 302, response.content


@pytest.fixture
def translator(admin_client, django_capture_on_commit_callbacks):
    return Translator(admin_client, django_capture_on_commit_callbacks)


def entries(po):
    """The PO file's current (not obsolete) entries, by English text."""
    return {entry.msgid: entry.msgstr for entry in po if not entry.obsolete}


def translate(po):
    for entry in po:
        entry.msgstr = FRENCH.get(entry.msgid, entry.msgstr)
    return po


def french_version(initiative):
    return InitiativePage.objects.get(
        translation_key=initiative.translation_key, locale__language_code="fr"
    )


def test_new_translation_is_an_unpublished_draft(translator, client, initiative):
    translator.submit(initiative, "fr")

    french = french_version(initiative)
    assert french.live is False
    assert french.url_path.endswith(f"/cities/seoul/{SLUG}/")
    # Visitors see the English page, with a notice that it is not translated yet.
    page = soup(client.get(FRENCH_URL))
    assert page.select_one(".translation-notice") is not None
    assert page.select_one(".content")["lang"] == "en"
    assert page.h1.get_text(strip=True) == ENGLISH["title"]
    listed = client.get("/api/v2/pages/", FRENCH_INITIATIVES).json()["items"]
    assert french.pk not in [item["id"] for item in listed]


def test_po_round_trip_publishes_the_french_initiative(translator, client, initiative):
    translation = translator.submit(initiative, "fr")

    po = translator.download_po(translation)
    assert po.metadata["X-WagtailLocalize-TranslationID"] == str(translation.uuid)
    assert entries(po)[ENGLISH["summary"]] == ""
    assert {ENGLISH["title"], ENGLISH["background"], ENGLISH["actions"]} <= entries(po).keys()

    translator.upload_po(translation, translate(po))
    uploaded = entries(translator.download_po(translation))
    assert uploaded[ENGLISH["summary"]] == FRENCH[ENGLISH["summary"]]

    french = french_version(initiative)
    translator.publish(french)

    french.refresh_from_db()
    assert french.live is True
    assert french.title == FRENCH[ENGLISH["title"]]
    page = soup(client.get(FRENCH_URL))
    assert page.find("h1").get_text(strip=True) == FRENCH[ENGLISH["title"]]
    text = page.get_text(" ", strip=True)
    assert FRENCH[ENGLISH["summary"]] in text
    assert FRENCH[ENGLISH["background"]] in text
    assert ENGLISH["actions"] in text  # untranslated: the English text is used

    data = client.get(f"/api/v2/pages/{french.pk}/").json()
    assert data["summary"] == FRENCH[ENGLISH["summary"]]
    assert FRENCH[ENGLISH["background"]] in data["background"]


def test_sync_keeps_french_text_and_falls_back_to_english_for_a_changed_summary(
    translator, client, initiative
):
    translation = translator.submit(initiative, "fr")
    translator.upload_po(translation, translate(translator.download_po(translation)))
    french = french_version(initiative)
    translator.publish(french)

    initiative.summary = NEW_SUMMARY
    initiative.save_revision().publish()

    # Syncing without "Publish immediately" updates the source strings only.
    translator.sync(initiative, publish=False)
    assert NEW_SUMMARY in entries(translator.download_po(translation))
    assert FRENCH[ENGLISH["summary"]] in soup(client.get(FRENCH_URL)).get_text(" ", strip=True)

    translator.sync(initiative, publish=True)

    po = translator.download_po(translation)
    assert entries(po)[NEW_SUMMARY] == ""
    assert ENGLISH["summary"] not in entries(po)
    assert entries(po)[ENGLISH["background"]] == FRENCH[ENGLISH["background"]]
    # The translation of the old summary stays in the file, marked obsolete, for reference.
    obsolete = {entry.msgid: entry.msgstr for entry in po if entry.obsolete}
    assert obsolete == {ENGLISH["summary"]: FRENCH[ENGLISH["summary"]]}

    text = soup(client.get(FRENCH_URL)).get_text(" ", strip=True)
    assert NEW_SUMMARY in text
    assert FRENCH[ENGLISH["summary"]] not in text
    assert FRENCH[ENGLISH["background"]] in text
    assert FRENCH[ENGLISH["title"]] in text

    data = client.get(f"/api/v2/pages/{french.pk}/").json()
    assert data["summary"] == NEW_SUMMARY
    assert FRENCH[ENGLISH["background"]] in data["background"]
