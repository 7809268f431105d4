"""Open data: what the export holds and leaves out, when it is made again, how it is served."""

import codecs
import csv
import io
from datetime import datetime
from unittest.mock import ANY

from django.core.cache import cache

import pytest
from django_tasks import default_task_backend

from knowledge.initiatives.moderation import submit_for_moderation
from knowledge.models import CityPage, InitiativeDecision, InitiativePage, Theme
from knowledge.opendata import files as opendata
from knowledge.tasks import EXPORT_PENDING_KEY
from tests.conftest import LANGUAGE_CODES
from tests.factories import CityPageFactory, InitiativePageFactory

from .conftest import make_private
from .opendata_helpers import (
    CSV_HEADER,
    INITIATIVE_KEYS,
    TOP_KEYS,
    TRANSLATION_KEYS,
    all_titles,
    by_id,
    exported_initiative,
    public_translation_keys,
    read_csv,
    read_csv_bytes,
    read_json,
)

pytestmark = pytest.mark.django_db


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
