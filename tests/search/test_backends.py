"""Elasticsearch / OpenSearch: the mapping and queries our backends produce, checked offline,
and a search against a real server (ELASTICSEARCH_URL / OPENSEARCH_URL) or, without one, the
osmem-server emulator of the OpenSearch REST API."""

import os
import uuid
from io import StringIO

from django.core.management import call_command

from wagtail.models import Locale, Page
from wagtail.search.backends import get_search_backend

import pytest

from knowledge.models import InitiativePage
from search import engine
from search.backends import LANGUAGE_ANALYZERS, elasticsearch9, opensearch3, searching_in

OFFLINE = {"URLS": ["http://127.0.0.1:9"], "INDEX_PREFIX": "offline_"}
EXPECTED_ANALYZERS = {
    "en": "english",
    "ar": "arabic",
    "zh_hans": "cjk",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
}


@pytest.mark.parametrize("module", [elasticsearch9, opensearch3])
def test_every_text_field_has_an_analyser_per_language(module):
    backend = module.SearchBackend(dict(OFFLINE))
    properties = backend.mapping_class(InitiativePage).get_mapping()["properties"]

    declared = backend.settings["settings"]["analysis"]["analyzer"]
    for name in ("_all_text", "title", "knowledge_initiativepage__summary"):
        subfields = properties[name]["fields"]
        analyzers = {code: declared[sub["analyzer"]]["type"] for code, sub in subfields.items()}
        assert analyzers == EXPECTED_ANALYZERS
    # Filters and autocompletion keep their own types and analysers.
    assert "fields" not in properties["_edgengrams"]
    assert properties["live_filter"]["type"] == "boolean"
    assert set(LANGUAGE_ANALYZERS) == {
        code for code, _name in __import__("django.conf", fromlist=["settings"]).settings.LANGUAGES
    }


@pytest.mark.parametrize("module", [elasticsearch9, opensearch3])
def test_a_search_in_one_language_also_queries_its_analysed_fields(module):
    backend = module.SearchBackend(dict(OFFLINE))
    queryset = Page.objects.filter(live=True)

    with searching_in("ar"):
        fields = backend.query_compiler_class(queryset, "مياه").get_query()["bool"]["must"][
            "multi_match"
        ]["fields"]
    assert "_all_text" in fields and "_all_text.ar" in fields
    assert not any(field.split("^")[0].endswith((".fr", ".zh_hans")) for field in fields)

    plain = backend.query_compiler_class(queryset, "water").get_query()["bool"]["must"]
    suffixes = tuple(f".{code}" for code in EXPECTED_ANALYZERS)
    assert not any(
        field.split("^")[0].endswith(suffixes) for field in plain["multi_match"]["fields"]
    )


def _server_url(request):
    """(backend module name, URL) of the server to test against, or skip."""
    if os.environ.get("ELASTICSEARCH_URL"):
        return "search.backends.elasticsearch9", os.environ["ELASTICSEARCH_URL"]
    if os.environ.get("OPENSEARCH_URL"):
        return "search.backends.opensearch3", os.environ["OPENSEARCH_URL"]
    try:
        clone = request.getfixturevalue("osmem_clone")
    except Exception as error:  # noqa: BLE001 - any failure to start the emulator means skip
        pytest.skip(f"no search server: ELASTICSEARCH_URL/OPENSEARCH_URL unset, osmem: {error}")
    return "search.backends.opensearch3", clone.url


@pytest.fixture
def search_server(request, settings, demo_content):  # noqa: F811 - the settings fixture
    backend_path, url = _server_url(request)
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": backend_path,
            "URLS": [url],
            "INDEX_PREFIX": f"test_{uuid.uuid4().hex[:8]}_",
            "AUTO_UPDATE": False,
        }
    }
    prefix = settings.WAGTAILSEARCH_BACKENDS["default"]["INDEX_PREFIX"]
    backend = get_search_backend()
    output = StringIO()
    call_command("update_index", stdout=output)
    yield backend, output.getvalue()
    # The rebuild made concrete indices behind aliases: remove them all.
    for name in backend.es.indices.get_alias(index=f"{prefix}*"):
        backend.es.indices.delete(index=name)


@pytest.mark.django_db
def test_search_through_a_real_server(search_server, client):
    backend, output = search_server
    assert "InitiativePage" in output or "initiativepage" in output.lower()

    french = Locale.objects.get(language_code="fr")
    found = [page.title for page in engine.search(french, "alimentation").results]
    assert "Politique alimentaire de Milan" in found
    english = Locale.objects.get(language_code="en")
    found = [page.title for page in engine.search(english, "food policy").results]
    assert found[0] == "Milan Food Policy"
    # Only the language asked for.
    assert "Milan Food Policy" not in [
        page.title for page in engine.search(french, "food policy").results
    ]
