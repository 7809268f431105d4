"""Structured data, calendars, feeds, sitemap alternates, facets and filter forms on the demo
site."""

import json
import xml.etree.ElementTree as ET

import icalendar
import pytest

from knowledge.models import CityPage, InitiativePage
from knowledge.query.keywords import plain_text
from pages.models import PartnerPage, WebinarPage

from .conftest import in_days, soup

pytestmark = pytest.mark.django_db

XHTML = "{http://www.w3.org/1999/xhtml}link"
SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"


def json_ld(response):
    (script,) = soup(response).find_all("script", type="application/ld+json")
    return json.loads(script.string)


def test_sitemap_lists_each_page_in_its_other_languages(client, demo_content):
    root = ET.fromstring(client.get("/sitemap.xml").content)

    entries = {
        url.find(f"{SITEMAP}loc").text: {
            link.get("hreflang"): link.get("href") for link in url.findall(XHTML)
        }
        for url in root.findall(f"{SITEMAP}url")
    }
    about = entries["http://testserver/en/about/"]
    assert about["fr"] == "http://testserver/fr/a-propos/"
    assert about["en"] == "http://testserver/en/about/"
    assert set(about) == {"en", "ar", "es", "fr", "ru", "zh-hans"}
    assert entries["http://testserver/fr/a-propos/"] == about


def test_event_calendar_gives_the_full_place_and_the_registration_link(
    client, demo_content, make_event
):
    event = make_event(
        "Harbour forum",
        in_days(20),
        venue="Convention Centre",
        city="Busan",
        country="KR",
        registration_url="https://forum.example.org/register",
    )

    calendar = icalendar.Calendar.from_ical(client.get(event.url + "calendar/").content)

    (entry,) = calendar.walk("VEVENT")
    assert str(entry["location"]) == "Convention Centre, Busan, South Korea"
    assert str(entry["url"]) == "https://forum.example.org/register"
    assert str(entry["description"]).endswith("http://testserver/en/events/harbour-forum/")


def test_webinar_has_a_calendar_file_and_its_listing_a_feed_of_upcoming_ones(client, webinar_index):
    webinar = WebinarPage(
        title="Cooling streets",
        slug="cooling-streets",
        start=in_days(5),
        duration=90,
        time_zone="Asia/Seoul",
        video_url="https://video.example.org/live/42",
        summary="Trees and water against heat.",
    )
    webinar_index.add_child(instance=webinar)
    webinar.save_revision().publish()

    response = client.get("/en/webinars/cooling-streets/calendar/")

    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    assert 'filename="cooling-streets.ics"' in response["Content-Disposition"]
    (entry,) = icalendar.Calendar.from_ical(response.content).walk("VEVENT")
    assert str(entry["summary"]) == "Cooling streets"
    assert str(entry["location"]) == "https://video.example.org/live/42"
    assert str(entry["url"]) == "https://video.example.org/live/42"
    assert entry["dtend"].dt - entry["dtstart"].dt == webinar.end - webinar.start
    page = soup(client.get("/en/webinars/cooling-streets/"))
    assert page.find("a", href="/en/webinars/cooling-streets/calendar/")

    listing = client.get("/en/webinars/calendar/")
    summaries = {
        str(e["summary"]) for e in icalendar.Calendar.from_ical(listing.content).walk("VEVENT")
    }
    assert "Cooling streets" in summaries
    past = WebinarPage.objects.live().filter(locale__language_code="en", end__lt=in_days(0))
    assert past.exists()
    assert not summaries & {w.title for w in past}


@pytest.mark.parametrize(
    ("url", "feeds"),
    [
        ("/en/initiatives/", "/en/feeds/initiatives"),
        ("/en/events/", "/en/feeds/events"),
        ("/fr/webinars/", "/fr/feeds/webinars"),
    ],
)
def test_listings_link_their_feeds(client, demo_content, url, feeds):
    head = soup(client.get(url)).head

    assert head.find("link", rel="alternate", type="application/rss+xml")["href"] == feeds + ".rss"
    assert head.find("link", rel="alternate", type="application/atom+xml")["href"] == (
        feeds + ".atom"
    )
    assert client.get(feeds + ".rss").status_code == 200


def test_filter_forms_have_no_empty_action(client, demo_content):
    for url in ("/en/events/", "/en/webinars/"):
        form = soup(client.get(url)).find("form", class_="filter-form")
        assert form is not None
        assert not form.has_attr("action")


def test_initiative_is_a_creative_work_with_place_and_goals(client, demo_content):
    initiative = InitiativePage.objects.live().get(
        locale__language_code="ar", slug="milan-food-policy"
    )

    data = json_ld(client.get(initiative.url))

    assert data["@type"] == "CreativeWork"
    assert data["inLanguage"] == "ar"
    assert data["spatialCoverage"]["name"] == initiative.city.title
    assert data["spatialCoverage"]["address"]["addressCountry"] == "IT"
    assert data["spatialCoverage"]["containedInPlace"] == {"@type": "Country", "name": "إيطاليا"}
    numbers = {goal["identifier"] for goal in data["about"]}
    assert numbers == {f"SDG {goal.number}" for goal in initiative.localized_sdgs()}


def test_events_webinars_cities_and_partners_describe_themselves(client, demo_content):
    event = soup(client.get("/en/events/"))
    event_url = event.select_one(".card a")["href"]
    data = json_ld(client.get(event_url))
    assert data["@type"] == "Event"
    assert data["startDate"] and data["endDate"]
    assert data["eventAttendanceMode"].startswith("https://schema.org/")

    webinar = WebinarPage.objects.live().filter(locale__language_code="en").first()
    data = json_ld(client.get(webinar.url))
    assert data["@type"] == "Event"
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"

    city = CityPage.objects.live().get(locale__language_code="en", slug="seoul")
    data = json_ld(client.get(city.url))
    assert data["@type"] == "Place"
    assert data["name"] == "Seoul"
    assert data["geo"]["latitude"] == pytest.approx(float(city.latitude))

    partner = PartnerPage.objects.live().filter(locale__language_code="en").first()
    data = json_ld(client.get(partner.url))
    assert data["@type"] == "Organization"
    assert data["name"] == partner.title

    assert not soup(client.get("/en/")).find_all("script", type="application/ld+json")


def test_facets_show_every_value_with_the_rest_behind_show_more(client, demo_content):
    page = soup(client.get("/en/initiatives/"))

    long_facets = [f for f in page.select("details.facet") if f.select_one(".facet__more")]
    assert long_facets, "the demo has a facet with more than eight values"
    for facet in long_facets:
        shown = facet.find("ul", recursive=False).find_all("li", recursive=False)
        more = facet.select(".facet__more li")
        assert len(shown) == 8
        assert more
        assert facet.select_one(".facet__more > summary").get_text(strip=True) == "Show more"


def test_plain_text_keeps_sentences_apart():
    assert plain_text("<p>Affordable housing.</p><p>The city</p>") == "Affordable housing. The city"
    assert plain_text("<li>Water</li><li>Waste</li>") == "Water Waste"
    assert plain_text("one<br>two<h2>Three</h2>four") == "one two Three four"
    assert plain_text(None) == ""
