"""A client generated from /api/v2/schema/ by an off-the-shelf generator (openapi-python-client)
imports and lists initiatives from the running site."""

import importlib
import subprocess
import sys

import httpx
import pytest

from knowledge.models import InitiativePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_a_generated_client_lists_initiatives(live_demo, tmp_path, monkeypatch):
    schema = tmp_path / "openapi.json"
    schema.write_bytes(httpx.get(f"{live_demo.url}/api/v2/schema/").content)
    subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(schema),
            "--meta",
            "none",
            "--output-path",
            str(tmp_path / "usdg_client"),
        ],
        check=True,
        capture_output=True,
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    client_module = importlib.import_module("usdg_client")
    list_pages = importlib.import_module("usdg_client.api.content.list_pages")
    locales = importlib.import_module("usdg_client.models.list_pages_locale")
    models = importlib.import_module("usdg_client.models")

    client = client_module.Client(base_url=live_demo.url, raise_on_unexpected_status=True)
    # `type` and what depends on it (filters, fields, order) are one object, sent as
    # parameters of their own: ?type=knowledge.InitiativePage&fields=*&sdg=11.
    listing = list_pages.sync(
        client=client,
        page_type=models.ListPagesPageQuery(
            type_=models.ListPagesPageQueryType("knowledge.InitiativePage"), fields="*", sdg=[11]
        ),
        locale=locales.ListPagesLocale.FR,
        limit=100,
    )
    expected = (
        InitiativePage.objects.live().filter(locale__language_code="fr", sdgs__number=11).distinct()
    )
    assert listing.meta.total_count == expected.count() > 0
    assert sorted(item.title for item in listing.items) == sorted(p.title for p in expected)
    first = listing.items[0]
    # Typed per page type: meta.type tells the client which model to build.
    assert all(isinstance(item, models.InitiativePage) for item in listing.items)
    assert first.meta.type_.value == "knowledge.InitiativePage"
    assert all(goal.number for goal in first.sdgs)
    assert first.city.country.code

    events = list_pages.sync(
        client=client,
        page_type=models.ListPagesPageQuery(
            type_=models.ListPagesPageQueryType("pages.EventPage"), fields="*"
        ),
        limit=5,
    )
    assert events.items and all(isinstance(item, models.EventPage) for item in events.items)
    assert all(isinstance(item.city_name, str) for item in events.items)
