"""Every listing endpoint takes the same number of queries for a few items as for many, across
languages (locales are loaded with the pages, not one query per item)."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

import pytest

pytestmark = pytest.mark.django_db

# Newest first: translations come before their sources, so short and long windows alike mix
# languages and hold translations (whose meta says whether they are up to date).
NEWEST = {"order": "-id"}
LISTINGS = [
    ("/api/v2/pages/", {"type": "knowledge.InitiativePage", "fields": "*", **NEWEST}),
    ("/api/v2/pages/", {"type": "knowledge.CityPage", "fields": "*", **NEWEST}),
    ("/api/v2/pages/", {"type": "pages.EventPage", "fields": "*", **NEWEST}),
    ("/api/v2/pages/", {"type": "pages.WebinarPage", "fields": "*", **NEWEST}),
    ("/api/v2/pages/", {"type": "pages.PartnerPage", "fields": "*", **NEWEST}),
    ("/api/v2/pages/", {"type": "pages.StandardPage", "fields": "*", **NEWEST}),
    ("/api/v2/pages/", NEWEST),
    ("/api/v2/sdgs/", {"fields": "*"}),
    ("/api/v2/themes/", {"fields": "*"}),
    # One result type: specific() costs a query per page type in the window.
    ("/api/v2/search/", {"q": "city", "type": "knowledge.InitiativePage"}),
]


def count(client, path, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), len(response.json()["items"])


@pytest.mark.parametrize("path, params", LISTINGS)
def test_queries_do_not_grow_with_the_number_of_items(client, path, params):
    client.get(path, {**params, "limit": 50})  # caches warmed, renditions made
    few, few_items = count(client, path, {**params, "limit": 3})
    many, many_items = count(client, path, {**params, "limit": 50})
    assert many_items > few_items == 3
    assert many == few, f"{few} queries for {few_items} items, {many} for {many_items}"
