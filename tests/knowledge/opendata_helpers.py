"""Helpers shared by the open data tests."""

import csv
import io
import json

from django.core.files.storage import default_storage

from knowledge.models import InitiativePage
from knowledge.opendata import files as opendata

TOP_KEYS = {"generated_at", "count", "languages", "fields", "initiatives"}
INITIATIVE_KEYS = {
    "id",
    "sdgs",
    "targets",
    "themes",
    "city",
    "start_year",
    "status",
    "translations",
}
TRANSLATION_KEYS = {
    "page_id",
    "title",
    "summary",
    "city",
    "url",
    "api_url",
    "first_published_at",
    "last_published_at",
}
CSV_HEADER = [
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
# Locales, view restrictions, the pages (with their locale and city, declined ones left out in
# the same query), then their goals, targets and themes: the same whatever the number of
# initiatives, up to CHUNK_SIZE (then three more per chunk).
EXPORT_QUERY_BOUND = 6


def read_json():
    with default_storage.open(opendata.JSON_NAME, "rb") as file:
        return json.loads(file.read())


def read_csv_bytes():
    with default_storage.open(opendata.CSV_NAME, "rb") as file:
        return file.read()


def read_csv():
    return list(csv.DictReader(io.StringIO(read_csv_bytes().decode("utf-8-sig"))))


def by_id(data):
    return {initiative["id"]: initiative for initiative in data["initiatives"]}


def all_titles():
    """Every title in both files (the JSON's and the CSV's)."""
    data = read_json()
    titles = {
        page["title"]
        for initiative in data["initiatives"]
        for page in initiative["translations"].values()
    }
    return titles | {row["title"] for row in read_csv()}


def exported_initiative(page):
    return by_id(read_json()).get(str(page.translation_key))


def public_translation_keys():
    return set(InitiativePage.objects.live().public().values_list("translation_key", flat=True))
