"""The filtered initiatives list elsewhere: the RSS and Atom feeds and the CSV and XLSX exports
list exactly what the HTML listing lists for the same parameters, in its language; a bad
parameter gets the listing's 400 and message; spreadsheet formulas are defused."""

import csv
import io
from urllib.parse import urlencode, urlparse
from xml.etree import ElementTree

from django.test import Client

import pytest
from bs4 import BeautifulSoup
from openpyxl import load_workbook

from knowledge.initiatives.export import safe_cell
from knowledge.models import InitiativePage
from knowledge.opendata.files import CSV_COLUMNS
from tests.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    InitiativeIndexPageFactory,
    InitiativePageFactory,
)

pytestmark = pytest.mark.django_db

# Per language: filters, and keywords in the language.
QUERIES = {
    "en": [{"sdg": "11"}, {"sdg": "13", "region": "africa"}, {"q": "food"}],
    "ar": [{"sdg": "6,7"}, {"region": "africa"}, {"q": "الغذاء", "sort": "title"}],
    "zh-hans": [{"sdg": "11", "sort": "title"}, {"theme": "transport"}, {"q": "粮食"}],
}
CASES = [(code, query) for code, queries in QUERIES.items() for query in queries]


def _path(url):
    return urlparse(url).path


def listing_paths(client, code, query):
    """Addresses of the initiatives the listing shows, every page of it, in its order."""
    paths, number = [], 1
    while True:
        response = client.get(f"/{code}/initiatives/", {**query, "page": number})
        assert response.status_code == 200
        page = BeautifulSoup(response.content, "html.parser")
        paths += [_path(a["href"]) for a in page.select(".card__title a")]
        if not page.select_one('.pagination a[rel="next"]'):
            return paths, page
        number += 1


def feed_paths(client, code, query, kind):
    response = client.get(f"/{code}/feeds/initiatives.{kind}", query)
    assert response.status_code == 200
    root = ElementTree.fromstring(response.content)
    if kind == "rss":
        return [_path(link.text) for link in root.iter("link")][1:]  # the first is the channel's
    atom = "{http://www.w3.org/2005/Atom}"
    return [_path(entry.find(f"{atom}link").get("href")) for entry in root.iter(f"{atom}entry")]


def csv_rows(response):
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(text[1:])))


def xlsx_rows(response):
    sheet = load_workbook(io.BytesIO(response.content), read_only=True).active
    header, *rows = list(sheet.iter_rows(values_only=True))
    assert list(header) == CSV_COLUMNS
    return [dict(zip(header, row, strict=True)) for row in rows]


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize("code, query", CASES)
def test_feeds_and_exports_list_what_the_listing_lists(code, query, django_assert_max_num_queries):
    client = Client()
    expected, page = listing_paths(client, code, query)
    assert expected, "choose parameters that find something"

    # The listing links to its feeds and downloads with the same parameters.
    selection = {key: value for key, value in query.items() if key != "sort"}
    alternate = page.select_one('link[rel="alternate"][type="application/rss+xml"]')["href"]
    assert alternate == f"/{code}/feeds/initiatives.rss?{urlencode(selection)}"
    links = {a.get_text(strip=True): a["href"] for a in page.select(".listing-actions a")}
    assert f"/{code}/feeds/initiatives.rss?{urlencode(selection)}" in links.values()
    assert f"/{code}/initiatives/export/csv/?{urlencode(query)}" in links.values()

    # Feeds are newest first, as the listing unless sorted by title.
    newest_first = expected if query.get("sort") != "title" else None
    for kind in ("rss", "atom"):
        paths = feed_paths(client, code, query, kind)
        assert paths == newest_first if newest_first else sorted(paths) == sorted(expected)

    with django_assert_max_num_queries(25):
        response = client.get(f"/{code}/initiatives/export/csv/", query)
        rows = csv_rows(response)
    assert response["Content-Disposition"] == f'attachment; filename="initiatives-{code}.csv"'
    assert list(rows[0]) == CSV_COLUMNS
    assert [_path(row["url"]) for row in rows] == expected
    assert {row["language"] for row in rows} == {code}

    with django_assert_max_num_queries(25):
        response = client.get(f"/{code}/initiatives/export/xlsx/", query)
    assert response.status_code == 200
    assert [_path(row["url"]) for row in xlsx_rows(response)] == expected
    titles = InitiativePage.objects.filter(locale__language_code=code).values_list(
        "title", flat=True
    )
    assert {row["title"] for row in xlsx_rows(response)} <= set(titles)


@pytest.mark.usefixtures("demo_content")
@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_a_bad_parameter_gets_the_listing_answer(kind):
    client = Client()
    listing = client.get("/ar/initiatives/", {"sdg": "99"})
    export = client.get(f"/ar/initiatives/export/{kind}/", {"sdg": "99"})

    assert listing.status_code == export.status_code == 400
    notice = BeautifulSoup(listing.content, "html.parser").select_one(".notice")
    heading = BeautifulSoup(export.content, "html.parser").select_one(".error-page h1")
    assert notice.get_text(" ", strip=True) == heading.get_text(" ", strip=True)
    assert notice.get_text(" ", strip=True).startswith("sdg: ")


@pytest.mark.parametrize(
    "value, cell",
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1", "'+1"),
        ("-2", "'-2"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\t=1", "'\t=1"),
        ("Water = life", "Water = life"),
        (2020, 2020),
        ("", ""),
    ],
)
def test_formulas_are_defused(value, cell):
    assert safe_cell(value) == cell


def test_a_formula_in_a_title_stays_text_in_both_files(homes):
    InitiativeIndexPageFactory(parent=homes["en"])
    city = CityPageFactory(parent=CityIndexPageFactory(parent=homes["en"]), title="Quito")
    InitiativePageFactory(parent=city, title='=HYPERLINK("http://evil.example","Click")')
    client = Client()

    (row,) = csv_rows(client.get("/en/initiatives/export/csv/"))
    assert row["title"] == '\'=HYPERLINK("http://evil.example","Click")'

    response = client.get("/en/initiatives/export/xlsx/")
    sheet = load_workbook(io.BytesIO(response.content)).active
    title = sheet.cell(row=2, column=CSV_COLUMNS.index("title") + 1)
    assert title.data_type == "s"
    assert title.value.startswith("'=")
