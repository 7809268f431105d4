"""Open data: what the export holds and leaves out, when it is made again, how it is served."""

import codecs
import csv
import io
import json
from datetime import datetime
from io import StringIO
from unittest.mock import ANY

from django.core.cache import cache
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

import pytest
from django_tasks import default_task_backend

from knowledge import opendata
from knowledge.models import CityPage, InitiativeDecision, InitiativePage, Theme
from knowledge.moderation import submit_for_moderation
from knowledge.tasks import EXPORT_PENDING_KEY
from tests.conftest import LANGUAGE_CODES
from tests.factories import CityPageFactory, InitiativePageFactory

from .conftest import make_private

pytestmark = pytest.mark.django_db

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


def test_export_holds_every_demo_initiative_in_every_language_under_one_id(demo_initiative):
    opendata.export()
    data = read_json()

    assert set(data) == TOP_KEYS
    assert datetime.fromisoformat(data["generated_at"]).utcoffset() is not None
    assert data["languages"] == LANGUAGE_CODES
    assert data["count"] == len(data["initiatives"]) == len(public_translation_keys()) >= 8
    assert {"id", "sdgs", "city.id", "translations.*.title"} <= set(data["fields"])
    ids = [initiative["id"] for initiative in data["initiatives"]]
    assert ids == sorted(ids)
    for initiative in data["initiatives"]:
        assert set(initiative) == INITIATIVE_KEYS
        assert list(initiative["translations"]) == LANGUAGE_CODES
        for page in initiative["translations"].values():
            assert set(page) == TRANSLATION_KEYS

    milan = {code: demo_initiative(code) for code in LANGUAGE_CODES}
    exported = by_id(data)[str(milan["en"].translation_key)]
    assert {page.translation_key for page in milan.values()} == {milan["en"].translation_key}
    assert exported["sdgs"] == sorted({goal.number for goal in milan["en"].sdgs.all()})
    assert exported["themes"] == sorted({theme.code for theme in milan["en"].themes.all()})
    assert exported["city"] == {
        "id": str(milan["en"].city.translation_key),
        "country": "IT",
        "region": "europe",
    }
    assert exported["start_year"] == milan["en"].start_year
    assert exported["status"] == milan["en"].status
    for code, page in milan.items():
        translation = exported["translations"][code]
        assert translation["page_id"] == page.pk
        assert translation["title"] == page.title
        assert translation["summary"] == page.summary
        assert translation["city"] == page.city.title
        assert translation["url"] == f"http://testserver/{code}/cities/milan/milan-food-policy/"
        assert translation["api_url"] == f"http://testserver/api/v2/pages/{page.pk}/"
        assert translation["last_published_at"] == page.last_published_at.isoformat()
    # The city's id is one UUID for every language, like the initiative's.
    assert milan["ar"].city.translation_key == milan["en"].city.translation_key


def test_csv_has_the_fixed_header_a_bom_and_one_row_per_initiative_and_language(
    demo_initiative,
):
    manifest = opendata.export()
    raw = read_csv_bytes()

    assert raw.startswith(codecs.BOM_UTF8)
    rows = read_csv()
    assert rows[0].keys() == set(CSV_HEADER)
    assert next(csv.reader(io.StringIO(raw.decode("utf-8-sig")))) == CSV_HEADER
    data = read_json()
    assert len(rows) == sum(len(item["translations"]) for item in data["initiatives"])
    assert manifest.files["csv"].rows == len(rows)
    assert manifest.files["json"].rows == data["count"]
    assert manifest.files["csv"].size == len(raw)

    arabic = demo_initiative("ar")
    row = next(row for row in rows if row["page_id"] == str(arabic.pk))
    assert row["title"] == arabic.title
    assert any("\u0600" <= char <= "\u06ff" for char in row["title"])
    assert row["language"] == "ar"
    assert row["id"] == str(arabic.translation_key)
    assert row["country"] == "IT"
    assert row["sdgs"] == ";".join(str(number) for number in sorted_goals(arabic))
    chinese = demo_initiative("zh-hans")
    assert next(r for r in rows if r["page_id"] == str(chinese.pk))["title"] == chinese.title


def sorted_goals(page):
    return sorted({goal.number for goal in page.sdgs.all()})


def test_drafts_unpublished_private_and_declined_initiatives_are_left_out(seoul, moderator):
    draft = InitiativePageFactory(parent=seoul, title="Draft plan", live=False)
    unpublished = InitiativePageFactory(parent=seoul, title="Withdrawn plan")
    unpublished.unpublish()
    private = InitiativePageFactory(parent=seoul, title="Private plan")
    make_private(private)
    hidden_city = CityPageFactory(
        parent=seoul.get_parent(), title="Hidden city", country="FR", region="europe"
    )
    under_private_city = InitiativePageFactory(parent=hidden_city, title="Plan of a hidden city")
    make_private(hidden_city)
    declined = InitiativePageFactory(parent=seoul, title="Declined plan")
    InitiativeDecision.objects.create(page=declined, reason="Out of scope", decided_by=moderator)
    visible = InitiativePageFactory(parent=seoul, title="Visible plan")

    opendata.export()

    titles = all_titles()
    assert "Visible plan" in titles
    for page in (draft, unpublished, private, under_private_city, declined):
        assert page.title not in titles
        assert exported_initiative(page) is None
    assert exported_initiative(visible)["translations"]["en"]["page_id"] == visible.pk


def test_a_live_initiative_with_a_draft_in_moderation_is_exported_as_it_is_live(
    demo_initiative, moderator
):
    page = demo_initiative("en")
    live_title = page.title
    page.title = "Renamed in a draft"
    page.summary = "Draft summary"
    page.save_revision(user=moderator)
    submit_for_moderation(InitiativePage.objects.get(pk=page.pk), moderator)

    opendata.export()

    exported = exported_initiative(page)["translations"]["en"]
    assert (exported["title"], exported["page_id"]) == (live_title, page.pk)
    assert "Renamed in a draft" not in all_titles()
    assert "Draft summary" not in read_csv_bytes().decode("utf-8-sig")


def test_publishing_regenerates_the_files_and_unpublishing_removes_the_initiative(
    seoul, django_capture_on_commit_callbacks
):
    opendata.export()
    with django_capture_on_commit_callbacks(execute=True):
        page = InitiativePageFactory(parent=seoul, title="Night buses", sdgs=[11, 13])

    exported = exported_initiative(page)
    assert exported["sdgs"] == [11, 13]
    assert exported["translations"]["en"]["title"] == "Night buses"
    assert "Night buses" in {row["title"] for row in read_csv()}
    assert cache.get(EXPORT_PENDING_KEY) is None

    with django_capture_on_commit_callbacks(execute=True):
        page.unpublish()

    assert exported_initiative(page) is None
    assert "Night buses" not in all_titles()


def test_a_burst_of_publishes_queues_one_export(
    settings, seoul, django_capture_on_commit_callbacks
):
    # A queue that keeps tasks until a worker runs them, as in production.
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}

    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        first = InitiativePageFactory(parent=seoul, title="First of a burst")
        second = InitiativePageFactory(parent=seoul, title="Second of a burst")
        Theme.objects.get(code="transport", locale__language_code="en").save()

    assert len(callbacks) >= 3
    queued = [
        result
        for result in default_task_backend.results
        if result.task.module_path == "knowledge.tasks.export_open_data"
    ]
    assert len(queued) == 1
    assert cache.get(EXPORT_PENDING_KEY)

    assert queued[0].task.call() == {"json": len(public_translation_keys()), "csv": ANY}
    assert cache.get(EXPORT_PENDING_KEY) is None
    exported = by_id(read_json())
    assert {str(first.translation_key), str(second.translation_key)} <= set(exported)


@pytest.mark.parametrize("change", ["theme", "delete", "restriction", "city", "move", "declined"])
def test_other_changes_regenerate_the_files(seoul, change, django_capture_on_commit_callbacks):
    page = InitiativePageFactory(parent=seoul, title="Changing plan", themes=["transport"])
    milan = CityPage.objects.get(slug="milan", locale__language_code="en")
    opendata.export()
    before = opendata.read_manifest().generated_at

    with django_capture_on_commit_callbacks(execute=True):
        if change == "theme":
            theme = Theme.objects.get(code="transport", locale__language_code="en")
            theme.title = "Mobility"
            theme.save()
        elif change == "delete":
            InitiativePage.objects.get(pk=page.pk).delete()
        elif change == "restriction":
            make_private(page)
        elif change == "city":
            seoul.title = "Seoul Metropolitan City"
            seoul.save_revision().publish()
        elif change == "move":
            InitiativePage.objects.get(pk=page.pk).move(milan, pos="last-child")
        else:
            InitiativeDecision.objects.create(page=page, reason="Out of scope")

    assert opendata.read_manifest().generated_at > before
    exported = exported_initiative(page)
    if change in ("delete", "restriction", "declined"):
        assert exported is None
    elif change == "city":
        assert exported["translations"]["en"]["city"] == "Seoul Metropolitan City"
    elif change == "move":
        assert exported["city"]["country"] == "IT"
        assert exported["translations"]["en"]["city"] == milan.title
        assert exported["translations"]["en"]["url"].endswith("/en/cities/milan/changing-plan/")
    else:
        assert exported["themes"] == ["transport"]


def page_ids_by_id():
    return {
        initiative["id"]: {
            code: page["page_id"] for code, page in initiative["translations"].items()
        }
        for initiative in read_json()["initiatives"]
    }


def test_ids_are_stable_between_exports(seoul):
    opendata.export()
    first = {
        initiative["id"]: {
            code: page["page_id"] for code, page in initiative["translations"].items()
        }
        for initiative in read_json()["initiatives"]
    }
    new = InitiativePageFactory(parent=seoul, title="Added between exports")

    opendata.export()
    second = {
        initiative["id"]: {
            code: page["page_id"] for code, page in initiative["translations"].items()
        }
        for initiative in read_json()["initiatives"]
    }

    assert set(second) - set(first) == {str(new.translation_key)}
    assert {key: second[key] for key in first} == first


def test_export_queries_do_not_grow_with_the_number_of_initiatives(
    seoul, django_assert_max_num_queries
):
    def queries():
        with CaptureQueriesContext(connection) as context:
            manifest = opendata.export()
        return len(context.captured_queries), manifest.files["json"].rows

    opendata.export()  # fills the caches of site root paths
    demo_queries, demo_count = queries()
    city = CityPageFactory(
        parent=seoul.get_parent(), title="Bulk city", country="KR", region="asia-pacific"
    )
    for n in range(12):
        InitiativePageFactory(
            parent=city, title=f"Bulk {n}", sdgs=[11, 13], themes=["transport"], targets=["11.2"]
        )
    more_queries, more_count = queries()

    assert more_count == demo_count + 12
    assert more_queries == demo_queries
    with django_assert_max_num_queries(EXPORT_QUERY_BOUND):
        opendata.export()


@pytest.mark.usefixtures("demo_content")
def test_files_are_served_with_their_headers_and_made_when_missing(client):
    assert not default_storage.exists(opendata.MANIFEST_NAME)

    response = client.get("/opendata/initiatives.json")

    assert response.status_code == 200
    manifest = opendata.read_manifest()
    assert manifest is not None
    assert response["Content-Type"] == "application/json"
    assert response["Content-Disposition"] == 'attachment; filename="initiatives.json"'
    assert response["Last-Modified"] == http_date(manifest.generated_at.timestamp())
    assert response["Cache-Control"] == "public, max-age=300"
    data = json.loads(b"".join(response.streaming_content))
    assert data["count"] == manifest.files["json"].rows

    response = client.get("/opendata/initiatives.csv")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response["Content-Disposition"] == 'attachment; filename="initiatives.csv"'
    assert response["Last-Modified"] == http_date(manifest.generated_at.timestamp())
    assert response["Cache-Control"] == "public, max-age=300"
    body = b"".join(response.streaming_content)
    assert body.startswith(codecs.BOM_UTF8)
    rows = list(csv.DictReader(io.StringIO(body.decode("utf-8-sig"))))
    assert len(rows) == manifest.files["csv"].rows
    assert {row["language"] for row in rows} == set(LANGUAGE_CODES)

    unchanged = client.get(
        "/opendata/initiatives.csv", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"]
    )
    assert unchanged.status_code == 304
    assert client.post("/opendata/initiatives.csv").status_code == 405


def test_download_page_lists_both_files_and_is_linked_from_the_api_docs_and_footer(client):
    manifest = opendata.export()

    response = client.get("/opendata/", HTTP_ACCEPT_LANGUAGE="fr")

    assert response.status_code == 200
    html = response.content.decode()
    assert 'href="/opendata/initiatives.json"' in html
    assert 'href="/opendata/initiatives.csv"' in html
    assert f"<td>{manifest.files['json'].rows}</td>" in html
    assert f"<td>{manifest.files['csv'].rows}</td>" in html
    assert f'datetime="{manifest.generated_at.isoformat()}"' in html
    assert 'lang="fr"' in html
    assert "Accept-Language" in response["Vary"]
    assert 'href="/opendata/"' in client.get("/api/v2/docs/").content.decode()
    footer = client.get("/en/").content.decode()
    assert 'href="/opendata/"' in footer
    assert client.post("/opendata/").status_code == 405


@pytest.mark.usefixtures("demo_content")
def test_the_command_and_the_demo_loader_leave_fresh_files_behind():
    output = StringIO()
    call_command("export_open_data", stdout=output)
    count = len(public_translation_keys())
    assert f"opendata/initiatives.json: {count} rows" in output.getvalue()
    default_storage.delete(opendata.JSON_NAME)
    default_storage.delete(opendata.MANIFEST_NAME)

    call_command("load_demo_content", stdout=StringIO())

    assert read_json()["count"] == count
    assert opendata.read_manifest().files["csv"].rows == len(read_csv())
