"""schema.org descriptions (JSON-LD) of the public pages search engines show as rich results:
initiatives as CreativeWork with their place and goals, events and webinars as Event, cities as
Place, partners as Organization. Rendered in the page head by cms_tags.json_ld."""

from django.utils import translation
from django.utils.html import strip_tags

from wagtail.models import Page

from django_countries import countries

from files.templatetags.files_tags import shown_on
from knowledge.models import CityPage, InitiativePage
from pages.models import EventPage, PartnerPage, WebinarPage, localized_pages

CONTEXT = "https://schema.org"


def _plain(value):
    return " ".join(strip_tags(str(value or "")).split())


def _image(page, request):
    image = getattr(page, "image", None) or getattr(page, "logo", None)
    if image is None:
        return None

    if not shown_on(image, request):
        return None
    return request.build_absolute_uri(image.get_rendition("fill-1200x630").url)


def _base(page, request, kind):
    data = {
        "@context": CONTEXT,
        "@type": kind,
        "name": page.title,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
    }
    description = _plain(
        page.search_description or getattr(page, "summary", "") or getattr(page, "intro", "")
    )
    if description:
        data["description"] = description
    image = _image(page, request)
    if image:
        data["image"] = image
    return data


def _place(city, request):
    place = {"@type": "Place", "name": city.title, "url": city.get_full_url(request)}
    if city.country:
        with translation.override(city.locale.language_code):
            country = str(countries.name(city.country.code))
        place["address"] = {"@type": "PostalAddress", "addressCountry": city.country.code}
        place["containedInPlace"] = {"@type": "Country", "name": country}
    if city.has_coordinates:
        place["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    return place


def _goals(page, request):
    """The goals as things the work is about, in the page's language, with the UN's page."""
    return [
        {
            "@type": "Thing",
            "identifier": f"SDG {goal.number}",
            "name": f"{goal.number}. {goal.short_title}",
            "description": goal.title,
            "sameAs": f"https://sdgs.un.org/goals/goal{goal.number}",
        }
        for goal in page.localized_sdgs(request)
    ]


def _organisers(page, request):
    return [
        {"@type": "Organization", "name": partner.title, "url": partner.get_full_url(request)}
        for partner in localized_pages(page.organisers.all(), page.locale_id)
    ]


def initiative(page, request):
    data = _base(page, request, "CreativeWork")
    data["headline"] = page.title
    if page.first_published_at:
        data["datePublished"] = page.first_published_at.isoformat()
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.isoformat()
    city = page.city
    if city is not None:
        data["spatialCoverage"] = data["locationCreated"] = _place(city, request)
    data["about"] = _goals(page, request)
    themes = [theme.title for theme in page.localized_themes(request)]
    if themes:
        data["keywords"] = ", ".join(themes)
    if page.start_year:
        data["temporalCoverage"] = f"{page.start_year}/{page.end_year or '..'}"
    return data


def event(page, request):
    data = _base(page, request, "Event")
    data["startDate"] = page.start.isoformat()
    data["endDate"] = page.end.isoformat()
    data["eventStatus"] = "https://schema.org/EventScheduled"
    online = page.attendance in ("online", "hybrid")
    in_person = page.attendance in ("in-person", "hybrid")
    modes = {
        "online": "OnlineEventAttendanceMode",
        "in-person": "OfflineEventAttendanceMode",
        "hybrid": "MixedEventAttendanceMode",
    }
    data["eventAttendanceMode"] = f"https://schema.org/{modes[page.attendance]}"
    locations = []
    if in_person:
        place = {"@type": "Place", "name": page.venue or page.city}
        address = {"@type": "PostalAddress"}
        if page.city:
            address["addressLocality"] = page.city
        if page.country:
            address["addressCountry"] = page.country.code
        place["address"] = address
        locations.append(place)
    if online:
        locations.append({"@type": "VirtualLocation", "url": page.registration_url or data["url"]})
    if locations:
        data["location"] = locations if len(locations) > 1 else locations[0]
    if page.registration_url:
        data["offers"] = {"@type": "Offer", "url": page.registration_url, "price": 0}
    data["organizer"] = _organisers(page, request)
    data["about"] = _goals(page, request)
    return data


def webinar(page, request):
    data = _base(page, request, "Event")
    data["startDate"] = page.start.isoformat()
    data["endDate"] = page.end.isoformat()
    data["eventStatus"] = "https://schema.org/EventScheduled"
    data["eventAttendanceMode"] = "https://schema.org/OnlineEventAttendanceMode"
    data["location"] = {"@type": "VirtualLocation", "url": page.video_url or data["url"]}
    speakers = [{"@type": "Person", "name": speaker.name} for speaker in page.speakers.all()]
    if speakers:
        data["performer"] = speakers
    data["organizer"] = _organisers(page, request)
    data["about"] = _goals(page, request)
    if page.recording_url:
        data["recordedIn"] = {"@type": "VideoObject", "contentUrl": page.recording_url}
    return data


def city(page, request):
    data = _base(page, request, "Place")
    data.update({key: value for key, value in _place(page, request).items() if key != "name"})
    if page.website:
        data["sameAs"] = page.website
    return data


def partner(page, request):
    data = _base(page, request, "Organization")
    if page.website:
        data["sameAs"] = page.website
    if page.logo is not None and "image" in data:
        data["logo"] = data.pop("image")
    return data


BUILDERS = {
    InitiativePage: initiative,
    EventPage: event,
    WebinarPage: webinar,
    CityPage: city,
    PartnerPage: partner,
}


def structured_data(page, request):
    """The page's schema.org description as a dict, or None for the other page types."""
    if not isinstance(page, Page):
        return None
    builder = BUILDERS.get(type(page))
    return builder(page, request) if builder else None
