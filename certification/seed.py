"""Load the stages, criteria, certifying bodies and tools of data/criteria.yml in every content
language. Rows that exist (same code and language) are left as the secretariat edited them."""

import uuid
from pathlib import Path

import yaml

DATA_FILE = Path(__file__).resolve().parent / "data" / "criteria.yml"


def load_data():
    with DATA_FILE.open(encoding="utf-8") as handle:
        return yaml.safe_load(handle)


def _text(texts, language):
    return texts.get(language) or texts["en"]


def seed_framework(Locale, Stage, Criterion, Body, Tool, languages, data=None):
    """Works with migration (historical) models as well as the real ones."""
    data = data or load_data()
    locales = {locale.language_code: locale for locale in Locale.objects.all()}
    languages = [code for code in languages if code in locales]

    for spec in data["stages"]:
        key = _existing_key(Stage, code=spec["code"])
        for language in languages:
            stage, created = Stage.objects.get_or_create(
                code=spec["code"],
                locale=locales[language],
                defaults={
                    "translation_key": key,
                    "order": spec["order"],
                    "name": _text(spec["name"], language),
                    "label": _text(spec["label"], language),
                    "summary": _text(spec["summary"], language),
                },
            )
            if not created:
                continue
            for position, item in enumerate(spec["criteria"]):
                Criterion.objects.create(
                    stage=stage,
                    locale=locales[language],
                    translation_key=uuid.uuid5(key, item["code"]),
                    sort_order=position,
                    code=item["code"],
                    text=_text(item["text"], language),
                    guidance=_text(item["guidance"], language),
                    keywords=_text(item["keywords"], language),
                    evidence_required=item["evidence_required"],
                    evidence_kind=item["evidence_kind"],
                    theme_codes=", ".join(item["themes"]),
                )

    body_fields = {field.name for field in Body._meta.get_fields()}
    for spec in data["bodies"]:
        key = _existing_key(Body, code=spec["code"])
        for language in languages:
            defaults = {
                "translation_key": key,
                "kind": spec["kind"],
                "country": spec.get("country") or "",
                "quorum": spec.get("quorum", 3),
                "stage_codes": ", ".join(spec.get("stages", [])),
                "name": _text(spec["name"], language),
                "description": _text(spec["description"], language),
            }
            # Earlier migrations' models have no quorum or stages yet.
            defaults = {name: value for name, value in defaults.items() if name in body_fields}
            Body.objects.get_or_create(
                code=spec["code"], locale=locales[language], defaults=defaults
            )

    for spec in data["tools"]:
        key = _existing_key(Tool, code=spec["code"])
        for language in languages:
            Tool.objects.get_or_create(
                code=spec["code"],
                locale=locales[language],
                defaults={
                    "translation_key": key,
                    "kind": spec["kind"],
                    "url": spec.get("url", ""),
                    "title": _text(spec["title"], language),
                    "publisher": _text(spec["publisher"], language),
                    "description": _text(spec["description"], language),
                    "theme_codes": ", ".join(spec.get("themes", [])),
                    "criterion_codes": ", ".join(spec.get("criteria", [])),
                },
            )


def _existing_key(model, **lookup):
    row = model.objects.filter(**lookup).first()
    return row.translation_key if row is not None else uuid.uuid4()


def set_body_rules(Body, data=None):
    """Quorum and stages of the seeded bodies (for rows made before these fields existed)."""
    data = data or load_data()
    for spec in data["bodies"]:
        Body.objects.filter(code=spec["code"]).update(
            quorum=spec.get("quorum", 3), stage_codes=", ".join(spec.get("stages", []))
        )
