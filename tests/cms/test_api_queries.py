"""Every listing endpoint takes the same number of queries for a few items as for many, across
languages (locales are loaded with the pages, not one query per item)."""

import datetime

from django.core.files.base import ContentFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.images.tests.utils import get_test_image_file

import pytest

from knowledge.models import CityPage
from pages.models import (
    EventIndexPage,
    EventPage,
    PartnerIndexPage,
    PartnerPage,
    WebinarIndexPage,
    WebinarPage,
)
from tests.factories import InitiativePageFactory

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]

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
    ("/api/v2/search/", {"q": "initiative", "type": "knowledge.InitiativePage"}),
]


GENERATED = {
    "knowledge.InitiativePage",
    "pages.EventPage",
    "pages.WebinarPage",
    "pages.PartnerPage",
}


def _publish(index, page):
    index.add_child(instance=page)
    page.save_revision().publish()


@pytest.fixture
def fifty_of_each():
    """At least 50 live pages of every listed type in English (search is per language), and
    some in French, newest, so that windows mix languages."""
    start = timezone.now().replace(microsecond=0) + datetime.timedelta(days=30)
    # Images and documents in StreamFields, loaded for the whole listing, not page by page.
    images = [
        get_image_model().objects.create(title=f"Photo {n}", file=get_test_image_file())
        for n in range(3)
    ]
    document = get_document_model()(title="Plan")
    document.file.save("plan.pdf", ContentFile(b"%PDF-1.4\n%%EOF\n"), save=True)
    for code, pages in (("en", 50), ("fr", 10)):
        events = EventIndexPage.objects.get(locale__language_code=code)
        webinars = WebinarIndexPage.objects.get(locale__language_code=code)
        partners = PartnerIndexPage.objects.get(locale__language_code=code)
        city = CityPage.objects.get(slug="quito", locale__language_code=code)
        for number in range(pages):
            times = {"start": start, "end": start + datetime.timedelta(hours=2)}
            image = {"image": images[number % 3].pk, "alt_text": "Photo", "decorative": False}
            body = [{"type": "image", "value": image}, {"type": "paragraph", "value": "<p>x</p>"}]
            _publish(
                events,
                EventPage(title=f"Load event {code} {number}", time_zone="UTC", body=body, **times),
            )
            _publish(
                webinars,
                WebinarPage(title=f"Load webinar {code} {number}", time_zone="UTC", **times),
            )
            _publish(
                partners,
                PartnerPage(
                    title=f"Load partner {code} {number}",
                    kind="government",
                    logo=images[number % 3],
                ),
            )
            InitiativePageFactory(
                parent=city,
                title=f"Load initiative {code} {number}",
                media=[
                    {"type": "image", "value": image},
                    {"type": "document", "value": {"document": document.pk, "title": ""}},
                ],
                sdgs=[11],
                themes=["transport"],
            )


def count(client, path, params):
    with CaptureQueriesContext(connection) as context:
        response = client.get(path, params)
    assert response.status_code == 200, response.content
    return len(context.captured_queries), len(response.json()["items"])


def test_queries_do_not_grow_with_the_number_of_items(client, fifty_of_each):
    # One test over every endpoint: generating the pages is the slow part.
    for path, params in LISTINGS:
        client.get(path, {**params, "limit": 50})  # caches warmed, renditions made
        few, few_items = count(client, path, {**params, "limit": 5})
        many, many_items = count(client, path, {**params, "limit": 50})
        assert many_items > few_items == 5, (path, params)
        if params.get("type") in GENERATED or path == "/api/v2/pages/" and "type" not in params:
            assert many_items == 50, (path, params)
        assert many == few, (
            f"{path} {params}: {few} queries for {few_items}, {many} for {many_items}"
        )
