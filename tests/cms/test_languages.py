"""Every public URL carries its language; each language has its own home and error pages."""

from django.utils import translation
from django.utils.translation import gettext

from wagtail.models import PageViewRestriction

import pytest
from bs4 import BeautifulSoup

from pages.models import HomePage
from tests.conftest import LANGUAGE_CODES
from tests.factories import StandardPageFactory

pytestmark = pytest.mark.django_db

HOME_INTROS = {
    "en": "Cities around the world share here",
    "ar": "تتبادل المدن من جميع أنحاء العالم",
    "zh-hans": "世界各地的城市在这里分享",
    "fr": "Des villes du monde entier partagent ici",
    "ru": "Города всего мира делятся здесь",
    "es": "Ciudades de todo el mundo comparten aquí",
}


def soup(response):
    return BeautifulSoup(response.content, "html.parser")


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_each_language_has_its_own_translated_home(client, demo_content, code):
    response = client.get(f"/{code}/")

    assert response.status_code == 200
    html = soup(response).html
    assert html["lang"] == code
    assert html["dir"] == ("rtl" if code == "ar" else "ltr")
    home = HomePage.objects.get(locale__language_code=code)
    assert soup(response).h1.get_text(strip=True) == home.title
    assert HOME_INTROS[code] in response.content.decode()


def test_home_pages_are_translations_of_the_english_one(homes):
    english = homes["en"]
    assert set(homes) == set(LANGUAGE_CODES)
    for home in homes.values():
        assert home.translation_key == english.translation_key
        assert home.live
    assert {p.locale.language_code for p in english.get_translations()} == set(LANGUAGE_CODES) - {
        "en"
    }


@pytest.mark.parametrize(
    "accept_language, expected",
    [
        ("fr-FR,fr;q=0.9,en;q=0.5", "/fr/"),
        ("ar-EG,ar;q=0.9", "/ar/"),
        ("zh-CN,zh;q=0.9", "/zh-hans/"),
        ("ru", "/ru/"),
        ("es-419", "/es/"),
        ("de-DE", "/en/"),
    ],
)
def test_root_redirects_to_the_visitors_language(client, homes, accept_language, expected):
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)

    assert response.status_code == 302
    assert response["Location"] == expected


def test_language_switcher_goes_to_the_same_page_in_each_language(client, demo_content):
    response = client.get("/ar/about/")

    switcher = soup(response).find("nav", class_="language-switcher")
    links = {a["hreflang"]: a["href"] for a in switcher.find_all("a")}
    assert links == {
        "en": "/en/about/",
        "ar": "/ar/about/",
        "zh-hans": "/zh-hans/about/",
        "fr": "/fr/a-propos/",
        "ru": "/ru/o-platforme/",
        "es": "/es/acerca-de/",
    }
    current = switcher.find("a", attrs={"aria-current": "true"})
    assert current["hreflang"] == "ar"


def test_hreflang_alternates_list_every_translation_with_absolute_urls(client, demo_content):
    response = client.get("/en/about/")

    alternates = {
        link["hreflang"]: link["href"] for link in soup(response).find_all("link", rel="alternate")
    }
    assert alternates["fr"] == "http://testserver/fr/a-propos/"
    assert alternates["zh-hans"] == "http://testserver/zh-hans/about/"
    assert alternates["x-default"] == "http://testserver/en/about/"
    assert set(alternates) == set(LANGUAGE_CODES) | {"x-default"}


def test_untranslated_page_links_other_languages_to_its_fallback_address(client, homes):
    StandardPageFactory(parent=homes["en"], title="Only in English")

    response = client.get("/en/only-in-english/?page=2")

    page = soup(response)
    links = {a["hreflang"]: a["href"] for a in page.find("nav", class_="language-switcher")("a")}
    assert links["en"] == "/en/only-in-english/?page=2"
    assert links["fr"] == "/fr/only-in-english/?page=2"
    assert links["ar"] == "/ar/only-in-english/?page=2"
    # The link reaches the page itself, served to the reader in their language.
    french = client.get(links["fr"])
    assert french.status_code == 200
    assert soup(french).html["lang"] == "fr"
    assert soup(french).h1.get_text(strip=True) == "Only in English"
    # Only versions that exist are announced to search engines.
    alternates = {link["hreflang"] for link in page.find_all("link", rel="alternate")}
    assert alternates == {"en", "x-default"}


def test_draft_translation_is_not_offered(client, homes):
    english = StandardPageFactory(parent=homes["en"], title="Draft elsewhere")
    french = english.copy_for_translation(homes["fr"].locale)  # a draft copy, not published
    assert not french.live

    response = client.get("/en/draft-elsewhere/")

    links = {a["hreflang"]: a["href"] for a in soup(response).find("nav", "language-switcher")("a")}
    assert links["fr"] == "/fr/draft-elsewhere/"


NOT_FOUND = {
    "en": "Page not found",
    "ar": "الصفحة غير موجودة",
    "zh-hans": "未找到页面",
    "fr": "Page introuvable",
    "ru": "Страница не найдена",
    "es": "Página no encontrada",
}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_not_found_page_is_translated(client, homes, code):
    response = client.get(f"/{code}/no-such-page/")

    assert response.status_code == 404
    page = soup(response)
    assert page.html["lang"] == code
    assert page.h1.get_text(strip=True) == NOT_FOUND[code]
    home_link = page.find("a", class_="button")
    assert home_link["href"] == f"/{code}/"


SERVER_ERROR = {
    "en": "Server error",
    "ar": "خطأ في الخادم",
    "zh-hans": "服务器错误",
    "fr": "Erreur du serveur",
    "ru": "Ошибка сервера",
    "es": "Error del servidor",
}


@pytest.mark.parametrize("code", LANGUAGE_CODES)
def test_server_error_page_is_translated(client, homes, monkeypatch, code):
    def fail(*args, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(HomePage, "get_context", fail)
    client.raise_request_exception = False

    response = client.get(f"/{code}/")

    assert response.status_code == 500
    page = soup(response)
    assert page.html["lang"] == code
    assert page.html["dir"] == ("rtl" if code == "ar" else "ltr")
    assert page.h1.get_text(strip=True) == SERVER_ERROR[code]


def test_changed_slug_redirects_to_the_new_address(
    client, homes, django_capture_on_commit_callbacks
):
    page = StandardPageFactory(parent=homes["fr"], title="Mentions légales", slug="mentions")
    page.slug = "mentions-legales"
    with django_capture_on_commit_callbacks(execute=True):  # Wagtail records slugs on commit
        page.save_revision().publish()

    response = client.get("/fr/mentions/")

    assert response.status_code == 301
    assert response["Location"] == "/fr/mentions-legales/"
    assert client.get(response["Location"]).status_code == 200


def test_draft_page_is_not_served(client, homes):
    StandardPageFactory(parent=homes["en"], title="Not yet", live=False)

    assert client.get("/en/not-yet/").status_code == 404


def test_untranslated_page_is_shown_in_its_language_with_a_notice(client, homes):
    StandardPageFactory(parent=homes["en"], title="Only in English", intro="English words.")

    response = client.get("/fr/only-in-english/")

    assert response.status_code == 200
    page = soup(response)
    assert page.html["lang"] == "fr"
    notice = page.select_one(".translation-notice")
    with translation.override("fr"):
        expected = gettext(
            "This page has not been translated into your language yet. It is shown in %(language)s."
        ) % {"language": "anglais"}
    assert notice.p.get_text(strip=True) == expected
    assert [(a["hreflang"], a["href"]) for a in notice("a")] == [("en", "/en/only-in-english/")]
    content = page.select_one(".content")
    assert content["lang"] == "en" and content["dir"] == "ltr"
    assert "English words." in content.get_text()
    # The page itself, in its own language, carries no notice.
    assert soup(client.get("/en/only-in-english/")).select_one(".translation-notice") is None


def test_fallback_keeps_privacy_and_unknown_paths_stay_not_found(client, homes):
    private = StandardPageFactory(parent=homes["en"], title="Staff only")
    PageViewRestriction.objects.create(
        page=private, restriction_type=PageViewRestriction.PASSWORD, password="secret"
    )
    response = client.get("/fr/staff-only/")
    assert response.status_code == 200
    assert 'name="password"' in response.content.decode()
    assert "Staff only" not in soup(response).get_text()
    assert client.get("/fr/no-such-page/").status_code == 404
