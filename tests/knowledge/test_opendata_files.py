"""Open data files: stable ids between exports, bounded queries, how the files are served and
linked, and who makes them."""

import codecs
import csv
import io
import json
from io import StringIO

from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils.http import http_date

import pytest

from knowledge.opendata import files as opendata
from tests.conftest import LANGUAGE_CODES
from tests.factories import CityPageFactory, InitiativePageFactory

from .opendata_helpers import (
    EXPORT_QUERY_BOUND,
    public_translation_keys,
    read_csv,
    read_json,
)

pytestmark = pytest.mark.django_db


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
