"""Partners, events, webinars, the SDG pages, standard pages and menus of the demo."""

import datetime
import zoneinfo

from django.utils import timezone

from wagtail.models import Locale

from knowledge.models import CityPage, InitiativePage, SustainableDevelopmentGoal, Theme
from pages.models import (
    EventIndexPage,
    EventPage,
    HomeFeaturedInitiative,
    NavigationItem,
    NavigationMenu,
    PartnerIndexPage,
    PartnerPage,
    SDGIndexPage,
    StandardPage,
    WebinarIndexPage,
    WebinarPage,
    WebinarSpeaker,
)

from .content import editorial as content
from .pages import (
    heading,
    numbered,
    paragraph,
    rich_text,
    translate_page,
    update_page,
    upsert_page,
)
from .translation import TARGET_LANGUAGES, demo_strings, sync_translation

FEATURED = [
    "sustainable-food-production",
    "womens-action-climate-resilience",
    "school-area-road-safety",
]


def load(home, log):
    english = Locale.objects.get(language_code="en")
    goals = {g.number: g for g in SustainableDevelopmentGoal.objects.filter(locale=english)}
    themes = {t.code: t for t in Theme.objects.filter(locale=english)}
    initiatives = {p.slug: p for p in InitiativePage.objects.filter(locale=english)}
    cities = {p.slug: p for p in CityPage.objects.filter(locale=english)}

    partners = _partners(home, log)
    _events(home, partners, goals, themes, log)
    _webinars(home, partners, goals, themes, initiatives, cities, log)
    sdg_index = _index(home, SDGIndexPage, "sdgs", content.SDG_INDEX, log)
    privacy = _standard(home, content.PRIVACY, log)
    terms = _standard(home, content.TERMS, log)

    home = update_page(
        home,
        {},
        log,
        {
            "featured_initiatives": [
                HomeFeaturedInitiative(initiative=initiatives[slug]) for slug in FEATURED
            ]
        },
    )
    translate_page(home, log, slugs={code: f"home-{code}" for code in TARGET_LANGUAGES})

    pages = {page.slug: page for page in home.get_children().specific()}
    _menu(
        NavigationMenu.Slot.MAIN,
        "",
        [
            pages[slug]
            for slug in ("initiatives", "cities", "events", "webinars", "library")
            if slug in pages
        ]
        + [sdg_index, pages["partners"], pages["about"]],
        log,
    )
    _menu(NavigationMenu.Slot.FOOTER, content.FOOTER_TEXT, [pages["about"], privacy, terms], log)


def _index(home, model, slug, text, log):
    page = upsert_page(
        home,
        model,
        slug,
        {"title": text["title"], "intro": text["intro"], "show_in_menus": True},
        log,
    )
    translate_page(page, log)
    return page


def _partners(home, log):
    index = _index(home, PartnerIndexPage, "partners", content.PARTNER_INDEX, log)
    partners = {}
    for spec in content.PARTNERS:
        page = upsert_page(
            index,
            PartnerPage,
            spec["slug"],
            {
                "title": spec["title"],
                "kind": spec["kind"],
                "website": spec["website"],
                "intro": spec["intro"],
                "description": rich_text(spec["description"]),
            },
            log,
        )
        translate_page(page, log)
        partners[spec["slug"]] = page
    return partners


def _local(day, time, zone_name):
    zone = zoneinfo.ZoneInfo(zone_name)
    hour, minute = (int(part) for part in time.split(":"))
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=zone)


def _schedule(existing, spec, length):
    """Start and end: fixed for past items; for those dated relative to today, kept while they
    are still to come (so loading twice changes nothing), moved forward once they are over."""
    if "start" in spec:
        zone = zoneinfo.ZoneInfo(spec["time_zone"])
        start = datetime.datetime.fromisoformat(spec["start"]).replace(tzinfo=zone)
        end = datetime.datetime.fromisoformat(spec["end"]).replace(tzinfo=zone)
        return start, end
    now = timezone.now()
    if existing is not None and (spec["days"] < 0 or existing.end >= now):
        return existing.start, existing.end
    day = timezone.localdate(now, zoneinfo.ZoneInfo(spec["time_zone"]))
    start = _local(
        day + datetime.timedelta(days=spec["days"]), spec["local_time"], spec["time_zone"]
    )
    return start, start + length(spec)


def _event_length(spec):
    if "duration_days" in spec:
        return datetime.timedelta(days=spec["duration_days"] - 1, hours=9)
    return datetime.timedelta(hours=spec.get("duration_hours", 2))


def _events(home, partners, goals, themes, log):
    index = _index(home, EventIndexPage, "events", content.EVENT_INDEX, log)
    for spec in content.EVENTS:
        existing = EventPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        start, end = _schedule(existing, spec, _event_length)
        page = upsert_page(
            index,
            EventPage,
            spec["slug"],
            {
                "title": spec["title"],
                "summary": spec["summary"],
                "body": [paragraph(text) for text in spec["body"]],
                "start": start,
                "end": end,
                "time_zone": spec["time_zone"],
                "attendance": spec["attendance"],
                "venue": spec.get("venue", ""),
                "city": spec.get("city", ""),
                "country": spec.get("country", ""),
                "registration_url": spec.get("registration_url", ""),
            },
            log,
            {
                "organisers": [partners[slug] for slug in spec["organisers"]],
                "sdgs": [goals[number] for number in spec["sdgs"]],
                "themes": [themes[code] for code in spec["themes"]],
            },
        )
        translate_page(page, log)


def _webinars(home, partners, goals, themes, initiatives, cities, log):
    index = _index(home, WebinarIndexPage, "webinars", content.WEBINAR_INDEX, log)
    for spec in content.WEBINARS:
        existing = WebinarPage.objects.child_of(index).filter(slug=spec["slug"]).first()
        start, end = _schedule(existing, spec, lambda s: datetime.timedelta(minutes=s["duration"]))
        page = upsert_page(
            index,
            WebinarPage,
            spec["slug"],
            {
                "title": spec["title"],
                "summary": spec["summary"],
                "body": [paragraph(text) for text in spec["body"]],
                "start": start,
                "end": end,
                "duration": spec["duration"],
                "time_zone": spec["time_zone"],
                "video_url": spec.get("video_url", ""),
                "recording_url": spec.get("recording_url", ""),
            },
            log,
            {
                "organisers": [partners[slug] for slug in spec["organisers"]],
                "case_studies": [initiatives[slug] for slug in spec["case_studies"]],
                "sdgs": [goals[number] for number in spec["sdgs"]],
                "themes": [themes[code] for code in spec["themes"]],
                "speakers": [
                    WebinarSpeaker(
                        name=name, position=position, organisation=organisation, city=cities[city]
                    )
                    for name, position, organisation, city in spec["speakers"]
                ],
            },
        )
        translate_page(page, log)


def _standard(home, spec, log):
    body = []
    for kind, text in spec["body"]:
        body.append(heading(text) if kind == "heading" else paragraph(text))
    page = upsert_page(
        home,
        StandardPage,
        spec["slug"],
        {"title": spec["title"], "intro": spec["intro"], "body": body},
        log,
    )
    translate_page(page, log)
    return page


def _menu(slot, text, pages, log):
    english = Locale.objects.get(language_code="en")
    menu = NavigationMenu.objects.filter(slot=slot, locale=english).first()
    wanted = [page.pk for page in pages]
    if (
        menu is None
        or menu.text != text
        or [item.link_page_id for item in menu.items.all()] != wanted
        or [item.sort_order for item in menu.items.all()] != list(range(len(wanted)))
    ):
        menu = menu or NavigationMenu(slot=slot, locale=english)
        menu.text = text
        menu.items = numbered([NavigationItem(link_page=page) for page in pages])
        menu.save()
        log(f"menu “{menu.get_slot_display()}” (en): saved")
    for code in TARGET_LANGUAGES:
        if sync_translation(menu, code, demo_strings(code)):
            log(f"menu “{menu.get_slot_display()}” ({code}): translated")
