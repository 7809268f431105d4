"""Interface catalogues are complete: nothing untranslated, fuzzy or with broken placeholders."""

import re
from pathlib import Path

import polib
import pytest

LOCALE_DIR = Path(__file__).resolve().parents[2] / "locale"
CATALOGUE_LANGUAGES = ["ar", "es", "fr", "ru", "zh_Hans"]
PLACEHOLDER = re.compile(r"%\((\w+)\)[sd]|\{(\w+)\}")


def catalogue(language):
    return polib.pofile(str(LOCALE_DIR / language / "LC_MESSAGES" / "django.po"))


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_every_message_is_translated(language):
    po = catalogue(language)

    assert len(po) > 0
    assert [entry.msgid for entry in po.untranslated_entries()] == []
    assert [entry.msgid for entry in po.fuzzy_entries()] == []
    assert not po.metadata_is_fuzzy


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_translations_keep_the_placeholders(language):
    broken = []
    for entry in catalogue(language).translated_entries():
        expected = set(PLACEHOLDER.findall(entry.msgid))
        translations = entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]
        for text in translations:
            if set(PLACEHOLDER.findall(text)) != expected:
                broken.append((entry.msgid, text))
    assert broken == []


def test_the_five_catalogues_hold_the_same_messages():
    ids = {language: {e.msgid for e in catalogue(language)} for language in CATALOGUE_LANGUAGES}
    assert all(messages == ids["fr"] for messages in ids.values())


@pytest.mark.parametrize("language", CATALOGUE_LANGUAGES)
def test_plural_messages_have_every_form_of_the_language(language):
    po = catalogue(language)
    forms = int(re.search(r"nplurals=(\d+)", po.metadata["Plural-Forms"]).group(1))
    short = [
        entry.msgid
        for entry in po
        if entry.msgid_plural and sorted(entry.msgstr_plural) != list(range(forms))
    ]
    assert short == []
