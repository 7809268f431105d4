"""Webinars: upcoming and recorded, video link without network, speakers and case studies."""

import pytest

from pages.models import WebinarIndexPage, WebinarPage

from .conftest import soup

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("demo_content")]


def test_upcoming_and_recorded_webinars_are_listed_apart(client, webinar_index):
    page = soup(client.get(webinar_index.url))
    upcoming, recorded = page.select("main section")[:2]

    assert {a.get_text(strip=True) for a in upcoming.select(".card__title a")} == {
        "Land value capture for green growth",
        "Data for local SDG monitoring",
    }
    assert [a.get_text(strip=True) for a in recorded.select(".card__title a")] == [
        "Food policies for cities"
    ]


def test_video_is_a_plain_link_when_the_provider_cannot_be_reached(client):
    webinar = WebinarPage.objects.get(
        slug="land-value-capture-for-green-growth", locale__language_code="en"
    )

    response = client.get(webinar.url)

    assert response.status_code == 200
    video = soup(response).select_one(".media-video a")
    assert video["href"] == "https://example.org/live/land-value-capture"


def test_french_webinar_shows_french_case_studies_and_speakers_cities(client):
    webinar = WebinarPage.objects.get(slug="food-policies-for-cities", locale__language_code="fr")

    page = soup(client.get(webinar.url))

    cases = {a["href"] for a in page.select(".card__title a")}
    assert cases == {
        "/fr/cities/milan/milan-food-policy/",
        "/fr/cities/rosario/sustainable-food-production/",
    }
    speakers = page.select(".speaker")
    assert speakers[0].select_one("strong").get_text() == "Giulia Rossi"
    assert speakers[0].select_one("a")["href"] == "/fr/cities/milan/"


def test_recorded_webinar_offers_its_recording(client):
    webinar = WebinarPage.objects.get(slug="food-policies-for-cities", locale__language_code="en")
    links = [a["href"] for a in soup(client.get(webinar.url)).select(".schedule-page__links a")]
    assert links == ["https://example.org/recordings/food-policies-for-cities"]


def test_webinar_end_follows_start_and_duration(webinar_index):
    webinar = WebinarPage.objects.get(
        slug="data-for-local-sdg-monitoring", locale__language_code="en"
    )
    assert (webinar.end - webinar.start).total_seconds() == 60 * 60


def test_api_webinar_fields_and_upcoming_filter(client):
    response = client.get(
        "/api/v2/pages/",
        {"type": "pages.WebinarPage", "locale": "es", "upcoming": "true", "fields": "*"},
    )
    items = response.json()["items"]
    assert len(items) == 2
    item = next(i for i in items if i["meta"]["slug"] == "data-for-local-sdg-monitoring")
    assert item["duration"] == 60
    assert item["speakers"][0]["name"] == "Park Ji-won"
    (case,) = item["case_studies"]
    assert case["url"] == "http://testserver/es/cities/seoul/big-data-urban-management/"
    assert (
        client.get(
            "/api/v2/pages/", {"type": "pages.WebinarPage", "attendance": "online"}
        ).status_code
        == 400
    )


def test_webinar_index_exists_in_every_language():
    assert WebinarIndexPage.objects.live().count() == 6


def test_api_webinar_listing_queries_are_bounded(client, webinar_index):
    import datetime

    from django.db import connection
    from django.test.utils import CaptureQueriesContext
    from django.utils import timezone

    from knowledge.models import InitiativePage

    case = InitiativePage.objects.filter(locale__language_code="en").first()

    def queries():
        with CaptureQueriesContext(connection) as context:
            response = client.get(
                "/api/v2/pages/", {"type": "pages.WebinarPage", "fields": "*", "limit": 100}
            )
        assert response.status_code == 200
        return len(context.captured_queries)

    queries()
    few = queries()
    for n in range(15):
        start = timezone.now() + datetime.timedelta(days=n + 1)
        webinar = WebinarPage(title=f"Many {n}", slug=f"many-{n}", start=start, duration=60)
        webinar_index.add_child(instance=webinar)
        webinar.case_studies.add(case)
        webinar.save_revision().publish()
    assert queries() == few
    assert few <= 15
