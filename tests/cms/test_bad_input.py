"""Bad input is a 4xx with a message in the reader's language, never a server error; API errors
are JSON, HTML errors are pages."""

from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import Page

import pytest
from bs4 import BeautifulSoup

from cms.pages_api import PagesAPIViewSet
from knowledge.models import InitiativePage
from tests.factories import CityIndexPageFactory, CityPageFactory
from tests.knowledge.members import make_member, member_client

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "ar", "zh-hans", "fr", "ru", "es"]
MANY_WORDS = " ".join(f"word{n}" for n in range(300))


def translated(language, message):
    with translation.override(language):
        text = gettext(message)
    assert language == "en" or text != message, f"{message!r} is not translated to {language}"
    return text


def text_of(response):
    return BeautifulSoup(response.content, "html.parser").get_text(" ", strip=True)


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents", "sdgs", "themes"])
def test_find_with_an_id_that_is_not_a_number_is_a_400(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/find/", {"id": "abc"})
    assert response.status_code == 400
    assert response.json() == {"message": "id: “abc” is not a whole number."}
    assert client.get(f"/api/v2/{endpoint}/find/", {"id": "9" * 40}).status_code == 400
    assert client.get(f"/api/v2/{endpoint}/find/", {"id": "999999"}).status_code == 404


@pytest.mark.parametrize("endpoint", ["pages", "images", "documents"])
def test_searches_are_cut_to_a_bounded_number_of_words(client, endpoint):
    response = client.get(f"/api/v2/{endpoint}/", {"search": MANY_WORDS})
    assert response.status_code == 200
    assert response.json()["meta"]["total_count"] == 0

    response = client.get(f"/api/v2/{endpoint}/", {"search": "a", "search_operator": "xor"})
    assert response.status_code == 400
    assert response.json() == {"message": "search_operator: “xor” is not one of: and, or."}


def test_the_initiatives_index_takes_a_long_query(client, homes):
    from tests.factories import InitiativeIndexPageFactory

    InitiativeIndexPageFactory(parent=homes["en"], slug="long-query-initiatives")
    response = client.get("/en/long-query-initiatives/", {"q": MANY_WORDS})
    assert response.status_code == 200


@pytest.mark.parametrize(
    "path", ["/api/v2/nowhere/", "/api/v2/pages/999999/", "/api/v2/preview/find/"]
)
def test_api_404s_are_json(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"message"}


@pytest.mark.parametrize("method", ["trace", "put", "patch", "delete", "post"])
@pytest.mark.parametrize("path", ["/api/v2/pages/", "/api/v2/search/", "/api/v2/certificates/"])
def test_the_api_answers_other_methods_with_405_in_json(client, method, path):
    response = getattr(client, method)(path, HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 405
    assert response["Allow"] == "GET, HEAD, OPTIONS"
    message = translated("fr", "This address does not accept the %(method)s method.")
    assert response.json() == {"message": message % {"method": method.upper()}}


def test_a_server_error_in_the_api_is_json(client, monkeypatch):
    def fail(self, request):
        raise RuntimeError("a bug")

    monkeypatch.setattr(PagesAPIViewSet, "listing_view", fail)
    client.raise_request_exception = False
    response = client.get("/api/v2/pages/")
    assert response.status_code == 500
    # The handler of server errors (cms.views.server_error) answers it, in JSON under /api/.
    assert response.json() == {"message": "Server error. Please try again in a few minutes."}


def test_html_errors_are_pages_in_the_language_of_the_address(client):
    trace = client.trace("/ar/")
    assert trace.status_code == 405
    assert trace["Content-Type"].startswith("text/html")
    assert translated("ar", "This address does not accept the %(method)s method.") % {
        "method": "TRACE"
    } in text_of(trace)

    nul = client.get("/ru/search/", {"q": "a\x00b"})
    assert nul.status_code == 400
    assert nul["Content-Type"].startswith("text/html")
    assert translated("ru", "%(name)s: contains a NUL character") % {"name": "q"} in text_of(nul)

    api_nul = client.get("/api/v2/pages/", {"search": "a\x00b"})
    assert api_nul.status_code == 400
    assert api_nul.json() == {"message": "search: contains a NUL character"}


@pytest.mark.parametrize("language", LANGUAGES)
def test_certificate_verification_answers_any_number(client, language):
    base = f"/{language}/certification/verify/"
    assert client.get(base).status_code == 200
    assert client.get(base, {"number": ""}).status_code == 200
    assert client.get(base, {"number": "sdgc-2026-000042"})["Location"] == (
        f"{base}SDGC-2026-000042/"
    )
    unknown = client.get(f"{base}SDGC-2026-999999/")
    assert unknown.status_code == 404
    assert translated(language, "No certificate has this number.") in text_of(unknown)
    malformed = translated(
        language, "This is not a certificate number. Numbers look like SDGC-2026-000001."
    )
    for response in (
        client.get(base, {"number": "../"}),
        client.get(f"{base}%00/"),
        client.get(f"{base}{'9' * 10_000}/"),
        client.get(base, {"number": "SDGC-" + "9" * 10_000}),
    ):
        assert response.status_code == 404
        assert malformed in text_of(response)
        assert "\x00" not in response.content.decode()
    # A NUL in any query parameter is refused by the site's one mechanism, in the language.
    nul = client.get(base, {"number": "SDGC\x00"})
    assert nul.status_code == 400
    assert translated(language, "%(name)s: contains a NUL character") % {
        "name": "number"
    } in text_of(nul)


def test_my_city_refuses_a_language_with_a_nul_character(homes):
    cities = CityIndexPageFactory(parent=homes["en"], title="NUL cities", slug="nul-cities")
    member = member_client(make_member(CityPageFactory(parent=cities), "nul@example.org"))

    response = member.post(
        "/en/my-city/initiatives/new/",
        {"language": "e\x00n", "title": "Draft", "status": "ongoing", "save": "draft"},
    )

    assert response.status_code == 400
    assert "Select a valid choice" in text_of(response)


def test_every_search_through_the_database_backend_is_cut_to_a_few_words(admin_client):
    from wagtail.search.backends import get_search_backend

    from search.backends.database import MAX_QUERY_WORDS

    backend = get_search_backend()
    results = backend.search(MANY_WORDS, InitiativePage)
    assert len(results.query_compiler.query.query_string.split()) == MAX_QUERY_WORDS
    assert list(results) == []
    # The admin's own searches go through it too.
    home = Page.objects.filter(depth=2).first()
    assert admin_client.get(f"/admin/pages/{home.pk}/", {"q": MANY_WORDS}).status_code == 200
    assert admin_client.get("/admin/pages/search/", {"q": MANY_WORDS}).status_code == 200
    quoted = " ".join(f'"phrase {n}" word{n}' for n in range(150))
    assert admin_client.get("/admin/pages/search/", {"q": quoted}).status_code == 200
