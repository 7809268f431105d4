"""iCalendar files of events and webinars (RFC 5545), built with the icalendar library."""

from django.http import HttpResponse
from django.utils.html import strip_tags

import icalendar

from knowledge import reading
from knowledge.reader_urls import url_for_reader

PRODUCT_ID = "-//Urban SDG Knowledge Platform//Events//EN"


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
        event.add("url", request.build_absolute_uri(url_for_reader(page, request)))
        # The time in the reader's language and the event's own time zone, as on the page:
        # calendar programs show the start in the reader's zone, the description the organisers'.
        span = reading.span(page.start, page.end, page.time_zone)
        when = f"{span} ({reading.zone_name(page.start, page.time_zone)})"
        description = strip_tags(page.summary or "")
        event.add("description", f"{when}\n\n{description}" if description else when)
        location = reading.place(getattr(page, "venue", ""), getattr(page, "city", ""))
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
