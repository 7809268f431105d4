"""Load the SDGs, their targets and the seed themes from knowledge/data into every language.

Used by a data migration (with historical models) and by `manage.py sync_taxonomies`. Rows of
one goal, target or theme share a translation key derived from its number or code, so the same
row has the same key on every installation.
"""

import unicodedata
import uuid
from pathlib import Path

import yaml

from ..models.taxonomy import target_sort_key

DATA_DIR = Path(__file__).resolve().parents[1] / "data"
# Folder names of the open-sdg translations, by our language codes.
SDG_LANGUAGE_DIRS = {
    "en": "en",
    "ar": "ar",
    "zh-hans": "zh-Hans",
    "fr": "fr",
    "ru": "ru",
    "es": "es",
}
KEY_NAMESPACE = uuid.UUID("6f1f0d55-2b0b-4a53-9a1e-0f4d1c2f7a11")


def translation_key(kind, identifier):
    return uuid.uuid5(KEY_NAMESPACE, f"{kind}:{identifier}")


def _read(path):
    with open(path, encoding="utf-8") as file:
        return yaml.safe_load(file)


def _clean(text):
    """One line, composed characters: some official texts use combining accents (E + ◌́)."""
    return unicodedata.normalize("NFC", " ".join(str(text).split()))


def read_goals():
    """{number: {"color": "#…", language: (short title, full title)}}"""
    colours = _read(DATA_DIR / "sdg" / "colors.yml")
    goals = {number: {"color": colour} for number, colour in colours.items()}
    for language, folder in SDG_LANGUAGE_DIRS.items():
        texts = _read(DATA_DIR / "sdg" / folder / "global_goals.yml")
        for number in goals:
            goals[number][language] = (
                _clean(texts[f"{number}-short"]),
                _clean(texts[f"{number}-title"]),
            )
    return goals


def read_targets():
    """{"11.a": {language: text}}, in the order of the goals and targets."""
    targets = {}
    for language, folder in SDG_LANGUAGE_DIRS.items():
        texts = _read(DATA_DIR / "sdg" / folder / "global_targets.yml")
        for key, text in texts.items():
            goal, target, _suffix = key.split("-")
            targets.setdefault(f"{goal}.{target}", {})[language] = _clean(text)
    return dict(sorted(targets.items(), key=lambda item: target_sort_key(item[0])))


def read_themes():
    """{code: {language: title}}"""
    return _read(DATA_DIR / "themes.yml")


def sync_taxonomies(Locale, Goal, Target, Theme, languages):
    """Create or update the goals and targets, and create missing seed themes, in `languages`.

    Goal and target texts follow the official data; themes that exist keep their editors' titles.
    Returns the number of rows created.
    """
    created = 0
    locales = {code: Locale.objects.get_or_create(language_code=code)[0] for code in languages}
    goals = read_goals()
    goal_rows = {}
    for number, data in goals.items():
        for code, locale in locales.items():
            short_title, title = data.get(code, data["en"])
            row, was_created = Goal.objects.update_or_create(
                number=number,
                locale=locale,
                defaults={"short_title": short_title, "title": title, "color": data["color"]},
                create_defaults={
                    "short_title": short_title,
                    "title": title,
                    "color": data["color"],
                    "translation_key": translation_key("goal", number),
                },
            )
            goal_rows[number, code] = row
            created += was_created

    for target_code, texts in read_targets().items():
        number = int(target_code.split(".")[0])
        for code, locale in locales.items():
            text = texts.get(code, texts["en"])
            values = {
                "goal": goal_rows[number, code],
                "text": text,
                "sort_order": target_sort_key(target_code),
            }
            _row, was_created = Target.objects.update_or_create(
                code=target_code,
                locale=locale,
                defaults=values,
                create_defaults={
                    **values,
                    "translation_key": translation_key("target", target_code),
                },
            )
            created += was_created

    for theme_code, titles in read_themes().items():
        for code, locale in locales.items():
            _row, was_created = Theme.objects.get_or_create(
                code=theme_code,
                locale=locale,
                defaults={
                    "title": titles.get(code, titles["en"]),
                    "translation_key": translation_key("theme", theme_code),
                },
            )
            created += was_created
    return created
