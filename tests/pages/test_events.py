"""Events: time zones, upcoming and past, filters, iCalendar, the API's date filters."""

import datetime
import zoneinfo

from django.db import connection
from django.test.utils import CaptureQueriesContext

import icalendar
import pytest

from pages.models import EventPage

from .conftest import in_days, soup

pytestmark = pytest.mark.django_db

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
UTC = datetime.UTC


def titles(section):
    return [a.get_text(strip=True) for a in section.select(".card__title a")]


def test_event_in_seoul_shows_local_time_on_its_page_and_utc_in_the_feed(client, make_event):
    start = datetime.datetime(2030, 5, 14, 10, 0, tzinfo=SEOUL)
    event = make_event(
        "Seoul workshop", start, start + datetime.timedelta(hours=3), time_zone="Asia/Seoul"
    )

    assert event.start == datetime.datetime(2030, 5, 14, 1, 0, tzinfo=UTC)  # stored in UTC
    when = soup(client.get(event.url)).select_one(".event-when").get_text(" ", strip=True)
    assert "14 May 2030, 10:00–13:00" in when
    assert when.endswith("(Korean Standard Time)")

    calendar = client.get(event.url + "calendar/")
    assert calendar["Content-Type"] == "text/calendar; charset=utf-8"
    assert b"DTSTART:20300514T010000Z" in calendar.content
    assert b"DTEND:20300514T040000Z" in calendar.content
    assert 'filename="seoul-workshop.ics"' in calendar["Content-Disposition"]


def test_editors_type_times_in_the_events_time_zone(admin_client, event_index):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = nested_form_data(
        {
            "title": "Typed in Seoul time",
            "slug": "typed-in-seoul-time",
            "summary": "",
            "start": "2030-05-14 10:00",
            "end": "2030-05-14 12:00",
            "time_zone": "Asia/Seoul",
            "attendance": "online",
            "venue": "",
            "city": "",
            "country": "",
            "registration_url": "",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )

    response = admin_client.post(f"/admin/pages/add/pages/eventpage/{event_index.pk}/", data)

    assert response.status_code == 302, response.context["form"].errors
    event = EventPage.objects.get(slug="typed-in-seoul-time")
    assert event.start == datetime.datetime(2030, 5, 14, 1, 0, tzinfo=UTC)
    edit = soup(admin_client.get(f"/admin/pages/{event.pk}/edit/"))
    assert edit.select_one("input[name=start]")["value"] == "2030-05-14 10:00"


def test_end_before_start_is_refused(admin_client, event_index):
    from wagtail.test.utils.form_data import nested_form_data, streamfield

    data = nested_form_data(
        {
            "title": "Backwards",
            "slug": "backwards",
            "start": "2030-05-14 10:00",
            "end": "2030-05-13 10:00",
            "time_zone": "UTC",
            "attendance": "online",
            "body": streamfield([]),
            "action-publish": "publish",
        }
    )
    response = admin_client.post(f"/admin/pages/add/pages/eventpage/{event_index.pk}/", data)

    assert response.status_code == 200
    assert "The end cannot be before the start." in response.content.decode()
    assert not EventPage.objects.filter(slug="backwards").exists()


def test_index_separates_upcoming_from_past_and_counts_ongoing_as_upcoming(
    client, make_event, event_index
):
    make_event("Ongoing now", in_days(-1), in_days(1))
    make_event("Long over", in_days(-40), in_days(-39))

    page = soup(client.get(event_index.url))
    upcoming, past = page.select("main section")[:2]

    assert "Ongoing now" in titles(upcoming)
    assert "Regional workshop on localizing the SDGs" in titles(upcoming)
    assert "Long over" in titles(past)
    assert "International Forum on Urban Policy for the SDGs" in titles(past)
    assert "Long over" not in titles(upcoming)


@pytest.mark.parametrize(
    "params, expected",
    [
        ({"attendance": "online"}, {"City-to-city exchange on climate resilience"}),
        ({"sdg": "13"}, {"City-to-city exchange on climate resilience"}),
        ({"theme": "urban-planning", "year": "2015"}, {"Sixth Asia-Pacific Urban Forum (APUF-6)"}),
    ],
)
def test_index_filters(client, event_index, params, expected):
    page = soup(client.get(event_index.url, params))
    shown = set()
    for section in page.select("main section")[:2]:
        shown.update(titles(section))
    assert shown == expected


@pytest.mark.parametrize(
    "params, message",
    [
        ({"attendance": "underwater"}, "attendance: There is no format “underwater”."),
        ({"year": "last"}, "year: “last” is not a year between 1950 and 2100."),
        ({"sdg": "0"}, "sdg: “0” is not a goal number from 1 to 17."),
        ({"start_after": "yesterday"}, "start_after: “yesterday” is not a date (YYYY-MM-DD)"),
    ],
)
def test_bad_filters_show_a_notice(client, event_index, params, message):
    response = client.get(event_index.url, params)
    assert response.status_code == 400  # as the API
    assert soup(response).select_one(".notice").get_text().startswith(message)


def test_calendar_feed_lists_upcoming_events_only(client, event_index, make_event):
    make_event("Long over", in_days(-40), in_days(-39))

    response = client.get(event_index.url + "calendar/")

    calendar = icalendar.Calendar.from_ical(response.content)
    summaries = {str(event["summary"]) for event in calendar.walk("VEVENT")}
    assert "Regional workshop on localizing the SDGs" in summaries
    assert "Long over" not in summaries
    assert "International Forum on Urban Policy for the SDGs" not in summaries


API = "/api/v2/pages/"


def api_titles(client, **params):
    response = client.get(API, {"type": "pages.EventPage", "locale": "en", "limit": 100, **params})
    assert response.status_code == 200, response.content
    return {item["title"] for item in response.json()["items"]}


def test_api_upcoming_means_not_yet_ended(client, make_event):
    make_event("Ongoing now", in_days(-1), in_days(1))
    make_event("Long over", in_days(-40), in_days(-39))

    upcoming = api_titles(client, upcoming="true")
    over = api_titles(client, upcoming="false")

    assert "Ongoing now" in upcoming and "Long over" not in upcoming
    assert "Long over" in over and "Ongoing now" not in over


def test_api_date_filters_compare_the_start_inclusively_in_utc(client, make_event):
    make_event("Midnight start", datetime.datetime(2031, 3, 1, 0, 0, tzinfo=UTC))
    make_event("Evening start", datetime.datetime(2031, 3, 1, 23, 30, tzinfo=UTC))
    make_event("Next day", datetime.datetime(2031, 3, 2, 9, 0, tzinfo=UTC))

    assert api_titles(client, start_after="2031-03-01", start_before="2031-03-01") == {
        "Midnight start",
        "Evening start",
    }
    assert api_titles(client, start_after="2031-03-01T23:30:00Z") == {"Evening start", "Next day"}
    # 09:00 in Seoul is 00:00 UTC: the offset is honoured.
    assert api_titles(
        client, start_before="2031-03-01T09:00:00+09:00", start_after="2031-01-01"
    ) == {"Midnight start"}


@pytest.mark.parametrize(
    "params, message",
    [
        ({"start_after": "yesterday"}, "start_after: “yesterday” is not a date (YYYY-MM-DD)"),
        ({"start_before": "2031-02-30"}, "start_before: “2031-02-30” is not a date (YYYY-MM-DD)"),
        ({"upcoming": "maybe"}, "upcoming: “maybe” is not true or false."),
        ({"attendance": "nope"}, "attendance: There is no format “nope”."),
    ],
)
def test_api_bad_dates_are_refused(client, params, message):
    response = client.get(API, {"type": "pages.EventPage", **params})
    assert response.status_code == 400
    assert response.json()["message"].startswith(message)


def test_api_event_fields(client, make_event):
    start = datetime.datetime(2030, 5, 14, 10, 0, tzinfo=SEOUL)
    event = make_event(
        "API event", start, time_zone="Asia/Seoul", attendance="hybrid", city="Seoul"
    )

    data = client.get(f"{API}{event.pk}/").json()

    assert data["start"] == "2030-05-14T01:00:00Z"
    assert data["end"] == "2030-05-14T03:00:00Z"
    assert data["time_zone"] == "Asia/Seoul"
    assert data["attendance"] == "hybrid"
    assert data["organisers"] == []
    demo = EventPage.objects.get(
        slug="international-forum-urban-policy-sdgs-2016", locale__language_code="fr"
    )
    french = client.get(f"{API}{demo.pk}/").json()
    assert [o["title"] for o in french["organisers"]][0] == demo.organisers.first().get_translation(
        demo.locale
    ).title
    assert {goal["number"] for goal in french["sdgs"]} == {11, 17}


def test_api_event_listing_queries_are_bounded(client, make_event):
    def queries():
        with CaptureQueriesContext(connection) as context:
            client.get(API, {"type": "pages.EventPage", "fields": "*", "limit": 100})
        return len(context.captured_queries)

    queries()
    few = queries()
    for n in range(20):
        make_event(f"Bulk event {n}", in_days(n + 1))
    assert queries() == few
    assert few <= 15


def test_index_takes_the_api_date_filters_too(client, event_index):
    page = soup(
        client.get(event_index.url, {"start_after": "2016-01-01", "start_before": "2016-12-31"})
    )
    shown = set()
    for section in page.select("main section")[:2]:
        shown.update(titles(section))
    assert shown == {
        "International Forum on Urban Policy for the SDGs",
        "Asia-Pacific Forum on Sustainable Development 2016",
    }


def test_event_index_queries_are_bounded(client, event_index, make_event):
    def queries():
        with CaptureQueriesContext(connection) as context:
            assert client.get(event_index.url).status_code == 200
        return len(context.captured_queries)

    queries()
    few = queries()
    for n in range(20):
        make_event(f"Many {n}", in_days(n + 1) if n % 2 else in_days(-n - 30))
    queries()  # publishing emptied the menu cache
    assert queries() == few
    # 25 (23 measured), three of them the main menu and the footer, read on each request without
    # Redis as here (cms.navigation) whatever their links.
    assert few <= 25
