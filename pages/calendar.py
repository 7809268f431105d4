"""iCalendar files of events and webinars (RFC 5545), built with the icalendar library."""

from django.http import HttpResponse
from django.utils.html import strip_tags

import icalendar

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
        event.add("url", page.get_full_url(request))
        description = strip_tags(page.summary or "")
        if description:
            event.add("description", description)
        location = ", ".join(
            part for part in (getattr(page, "venue", ""), getattr(page, "city", "")) if part
        )
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
