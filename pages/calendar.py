"""iCalendar files of events and webinars (RFC 5545), built with the icalendar library."""

from django.http import HttpResponse
from django.utils.html import strip_tags

import icalendar

from knowledge.base import reading
from knowledge.base.reader_urls import url_for_reader

PRODUCT_ID = "-//Urban SDG Knowledge Platform//Events//EN"


def _location(page):
    """Where it happens, as a person of the reader's language writes it: venue, city and
    country; online ones give their video address."""
    country = getattr(page, "country", None)
    parts = [
        getattr(page, "venue", ""),
        getattr(page, "city", ""),
        country.name if country else "",
    ]
    video = getattr(page, "video_url", "")
    if video and not any(parts):
        parts = [video]
    return reading.place(*parts)


def build_calendar(pages, request):
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    for page in pages:
        event = icalendar.Event()
        # A stable identifier: the same event in every language is one calendar entry.
        event.add("uid", f"{page.translation_key}@urban-sdg-platform")
        event.add("summary", page.title)
        event.add("dtstart", page.start)  # aware datetimes in UTC are written as …Z
        event.add("dtend", page.end)
        event.add("dtstamp", page.last_published_at or page.start)
        page_url = request.build_absolute_uri(url_for_reader(page, request))
        # URL: where to sign up (an event's registration link, a webinar's stream), else the
        # page; the page is named in the description either way.
        event.add(
            "url",
            getattr(page, "registration_url", "") or getattr(page, "video_url", "") or page_url,
        )
        # The time in the reader's language and the event's own time zone, as on the page:
        # calendar programs show the start in the reader's zone, the description the organisers'.
        span = reading.span(page.start, page.end, page.time_zone)
        when = f"{span} ({reading.zone_name(page.start, page.time_zone)})"
        description = " ".join(strip_tags(page.summary or "").split())
        parts = [when, description, page_url]
        event.add("description", "\n\n".join(part for part in parts if part))
        location = _location(page)
        if location:
            event.add("location", location)
        calendar.add_component(event)
    return calendar


def calendar_response(pages, request, filename):
    response = HttpResponse(
        build_calendar(pages, request).to_ical(), content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
