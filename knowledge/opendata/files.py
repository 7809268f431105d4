"""Open data: every live, public initiative in every language, as JSON and CSV files.

Partner sites and researchers download `opendata/initiatives.json` and `opendata/initiatives.csv`
from the default storage (served at /opendata/). An initiative's id is its translation_key, the
UUID its pages share in every language, so it stays the same from one export to the next.
A small manifest (`opendata/manifest.json`) records when the files were made, their sizes and
row counts, for the download page and the Last-Modified header.
"""

import csv
import io
import json
import os
import tempfile
from dataclasses import dataclass
from datetime import datetime
from types import SimpleNamespace

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.dispatch import Signal
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from wagtail.api.utils import get_base_url
from wagtail.models import Locale

from ..models import InitiativeDecision, InitiativePage

DIRECTORY = "opendata"
JSON_NAME = f"{DIRECTORY}/initiatives.json"
CSV_NAME = f"{DIRECTORY}/initiatives.csv"
MANIFEST_NAME = f"{DIRECTORY}/manifest.json"
# Sent once new files are in place (with `manifest`): copies of the old ones can be dropped.
exported = Signal()
# Pages are read this many at a time (with their goals, targets and themes prefetched per chunk),
# so memory holds the exported data, not every page object at once.
CHUNK_SIZE = 500

CSV_COLUMNS = [
    "id",
    "language",
    "page_id",
    "title",
    "summary",
    "city",
    "country",
    "region",
    "sdgs",
    "targets",
    "themes",
    "start_year",
    "status",
    "url",
    "api_url",
    "first_published_at",
    "last_published_at",
]
LIST_SEPARATOR = ";"

# What each field holds: (key in initiatives.json, CSV column, description). Shown on the
# download page in the reader's language and written into initiatives.json in the site's
# default language.
FIELDS = [
    ("id", "id", _("Stable identifier of the initiative (a UUID), the same in every language.")),
    (None, "language", _("Language code of the translation in this row.")),
    ("sdgs", "sdgs", _("Numbers of the Sustainable Development Goals it works towards.")),
    ("targets", "targets", _("Codes of the SDG targets it addresses, such as 11.2.")),
    ("themes", "themes", _("Codes of its themes, such as transport.")),
    ("city.id", None, _("Stable identifier of its city (a UUID), the same in every language.")),
    ("city.country", "country", _("ISO 3166-1 alpha-2 code of the city's country.")),
    ("city.region", "region", _("Code of the city's UN region, such as asia-pacific.")),
    ("start_year", "start_year", _("Year it started, or empty.")),
    ("status", "status", _("One of planned, ongoing, completed or discontinued.")),
    ("translations", None, _("Its published translations, keyed by language code.")),
    ("translations.*.page_id", "page_id", _("Id of the page in that language.")),
    ("translations.*.title", "title", _("Title in that language.")),
    ("translations.*.summary", "summary", _("Summary in that language.")),
    ("translations.*.city", "city", _("Name of the city in that language.")),
    ("translations.*.url", "url", _("Address of the page in that language.")),
    ("translations.*.api_url", "api_url", _("Address of the page in the API v2.")),
    (
        "translations.*.first_published_at",
        "first_published_at",
        _("When the page was first published (ISO 8601)."),
    ),
    (
        "translations.*.last_published_at",
        "last_published_at",
        _("When the page was last published (ISO 8601)."),
    ),
]


def exported_pages():
    """Live, public initiatives that were not declined, with what the files show, by id.

    public() leaves out pages with a view restriction on them or an ancestor. The page rows
    hold the live content: a newer draft or a revision in moderation lives in its revision
    until it is published. A declined initiative is left out in every language.
    """
    declined = InitiativeDecision.objects.filter(revision__isnull=True).values(
        "page__translation_key"
    )
    return (
        InitiativePage.objects.live()
        .public()
        .exclude(translation_key__in=declined)
        .select_related("locale", "city")
        .prefetch_related("sdgs", "targets", "themes")
        .order_by("translation_key", "pk")
    )


def _timestamp(value):
    return value.isoformat() if value else None


def _translation(page, site_paths, api_base):
    city = page.city
    return {
        "page_id": page.pk,
        "title": page.title,
        "summary": page.summary,
        "city": city.title if city else None,
        # Each page's address in its own language (Wagtail picks the language's root).
        "url": page.get_full_url(request=site_paths),
        "api_url": f"{api_base}/api/v2/pages/{page.pk}/",
        "first_published_at": _timestamp(page.first_published_at),
        "last_published_at": _timestamp(page.last_published_at),
    }


def _initiative(pages, languages, site_paths, api_base):
    """One initiative from its pages (one per language): shared fields from the first language."""
    pages = sorted(pages, key=lambda page: languages.index(page.locale.language_code))
    source = pages[0]
    city = source.city
    return {
        "id": str(source.translation_key),
        "sdgs": sorted({goal.number for goal in source.sdgs.all()}),
        "targets": [
            target.code
            for target in sorted(source.targets.all(), key=lambda target: target.sort_order)
        ],
        "themes": sorted({theme.code for theme in source.themes.all()}),
        "city": (
            {"id": str(city.translation_key), "country": city.country.code, "region": city.region}
            if city
            else None
        ),
        "start_year": source.start_year,
        "status": source.status,
        "translations": {
            page.locale.language_code: _translation(page, site_paths, api_base) for page in pages
        },
    }


def collect(languages):
    """The initiatives, ordered by id, each with its translations in the order of `languages`."""
    # Wagtail caches the site root paths on the object passed as `request` to get_full_url,
    # so every page's address is built from one lookup.
    site_paths = SimpleNamespace()
    api_base = (get_base_url() or "").rstrip("/")
    initiatives = []
    key, group = None, []
    for page in exported_pages().iterator(chunk_size=CHUNK_SIZE):
        if page.translation_key != key and group:
            initiatives.append(_initiative(group, languages, site_paths, api_base))
            group = []
        key = page.translation_key
        group.append(page)
    if group:
        initiatives.append(_initiative(group, languages, site_paths, api_base))
    # Sorted on the text of the UUID, the same on every database.
    initiatives.sort(key=lambda initiative: initiative["id"])
    return initiatives


def content_languages():
    """The language codes of the site's locales, in the order of settings.LANGUAGES."""
    order = [code for code, _name in settings.LANGUAGES]
    codes = Locale.objects.values_list("language_code", flat=True)
    return sorted(codes, key=lambda code: order.index(code) if code in order else len(order))


def build_json(initiatives, languages, generated_at):
    with translation.override(settings.LANGUAGE_CODE):
        fields = {key: str(description) for key, _column, description in FIELDS if key}
    document = {
        "generated_at": generated_at.isoformat(),
        "count": len(initiatives),
        "languages": languages,
        "fields": fields,
        "initiatives": initiatives,
    }
    return json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8")


def csv_rows(initiatives):
    for initiative in initiatives:
        city = initiative["city"] or {}
        for language, page in initiative["translations"].items():
            yield {
                "id": initiative["id"],
                "language": language,
                "page_id": page["page_id"],
                "title": page["title"],
                "summary": page["summary"],
                "city": page["city"] or "",
                "country": city.get("country", ""),
                "region": city.get("region", ""),
                "sdgs": LIST_SEPARATOR.join(str(number) for number in initiative["sdgs"]),
                "targets": LIST_SEPARATOR.join(initiative["targets"]),
                "themes": LIST_SEPARATOR.join(initiative["themes"]),
                "start_year": initiative["start_year"] or "",
                "status": initiative["status"],
                "url": page["url"] or "",
                "api_url": page["api_url"],
                "first_published_at": page["first_published_at"] or "",
                "last_published_at": page["last_published_at"] or "",
            }


def page_rows(pages):
    """Rows of CSV_COLUMNS for `pages` (initiatives with locale and city selected, goals,
    targets and themes prefetched), one row each in its own language: the open-data columns for
    any list of initiatives, such as the filtered exports of the initiatives database."""
    site_paths = SimpleNamespace()
    api_base = (get_base_url() or "").rstrip("/")
    for page in pages:
        language = page.locale.language_code
        yield from csv_rows([_initiative([page], [language], site_paths, api_base)])


def build_csv(initiatives):
    """The CSV bytes and the number of data rows. UTF-8 with a byte order mark, so spreadsheet
    programs read Arabic and Chinese correctly."""
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=CSV_COLUMNS)
    writer.writeheader()
    count = 0
    for row in csv_rows(initiatives):
        writer.writerow(row)
        count += 1
    return buffer.getvalue().encode("utf-8-sig"), count


def write_atomically(storage, name, data):
    """Replace `name` with `data` so that a reader gets the old file or the new one, whole."""
    try:
        path = storage.path(name)
    except NotImplementedError:
        # Object stores (S3) replace an object in a single PUT. _save() writes under this very
        # name, where save() would pick another one when overwriting is off.
        storage._save(name, ContentFile(data))
        return
    directory = os.path.dirname(path)
    os.makedirs(directory, exist_ok=True)
    handle, temporary = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, settings.FILE_UPLOAD_PERMISSIONS or 0o644)
        os.replace(temporary, path)
    except BaseException:
        if os.path.exists(temporary):
            os.remove(temporary)
        raise


@dataclass(frozen=True)
class ExportedFile:
    name: str
    size: int
    rows: int


@dataclass(frozen=True)
class Manifest:
    generated_at: datetime
    files: dict  # short name ("json", "csv") -> ExportedFile

    def as_json(self):
        return {
            "generated_at": self.generated_at.isoformat(),
            "files": {
                key: {"name": file.name, "size": file.size, "rows": file.rows}
                for key, file in self.files.items()
            },
        }


def export(storage=None):
    """Write both files, then the manifest that describes them; return the manifest."""
    storage = storage or default_storage
    generated_at = timezone.now()
    languages = content_languages()
    initiatives = collect(languages)
    json_bytes = build_json(initiatives, languages, generated_at)
    csv_bytes, csv_count = build_csv(initiatives)
    write_atomically(storage, JSON_NAME, json_bytes)
    write_atomically(storage, CSV_NAME, csv_bytes)
    manifest = Manifest(
        generated_at=generated_at,
        files={
            "json": ExportedFile(JSON_NAME, len(json_bytes), len(initiatives)),
            "csv": ExportedFile(CSV_NAME, len(csv_bytes), csv_count),
        },
    )
    write_atomically(storage, MANIFEST_NAME, json.dumps(manifest.as_json()).encode("utf-8"))
    exported.send(sender=export, manifest=manifest)
    return manifest


def read_manifest(storage=None):
    """The manifest of the last export, or None when there was none (or it is unreadable)."""
    storage = storage or default_storage
    try:
        with storage.open(MANIFEST_NAME, "rb") as file:
            data = json.loads(file.read())
        return Manifest(
            generated_at=datetime.fromisoformat(data["generated_at"]),
            files={
                key: ExportedFile(value["name"], value["size"], value["rows"])
                for key, value in data["files"].items()
            },
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None


def current_manifest(storage=None):
    """The manifest of the last export, exporting first when there was none yet."""
    return read_manifest(storage) or export(storage)
