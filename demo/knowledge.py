"""Cities and initiatives of the demo, in the six languages."""

from decimal import Decimal

from knowledge.models import (
    CityIndexPage,
    CityPage,
    CitySocialAccount,
    FocalPoint,
    InitiativeIndexPage,
    InitiativePage,
    SDGTarget,
    SustainableDevelopmentGoal,
    Theme,
)

from .content.knowledge import CITIES, CITY_INDEX, INITIATIVE_INDEX
from .pages import rich_text, translate_page, upsert_page


def load(home, log):
    city_index = upsert_page(
        home,
        CityIndexPage,
        "cities",
        {"title": CITY_INDEX["title"], "intro": CITY_INDEX["intro"], "show_in_menus": True},
        log,
    )
    translate_page(city_index, log)
    initiative_index = upsert_page(
        home,
        InitiativeIndexPage,
        "initiatives",
        {
            "title": INITIATIVE_INDEX["title"],
            "intro": INITIATIVE_INDEX["intro"],
            "show_in_menus": True,
        },
        log,
    )
    translate_page(initiative_index, log)

    english = {"locale__language_code": "en"}
    goals = {goal.number: goal for goal in SustainableDevelopmentGoal.objects.filter(**english)}
    targets = {target.code: target for target in SDGTarget.objects.filter(**english)}
    themes = {theme.code: theme for theme in Theme.objects.filter(**english)}

    for spec in CITIES:
        city = upsert_page(
            city_index,
            CityPage,
            spec["slug"],
            city_fields(spec),
            log,
            {
                "focal_points": [
                    FocalPoint(name=name, role=role, email=email)
                    for name, role, email in spec["focal_points"]
                ],
                "social_accounts": [
                    CitySocialAccount(network=network, url=url) for network, url in spec["social"]
                ],
            },
        )
        translate_page(city, log)

        initiative = spec["initiative"]
        page = upsert_page(
            city,
            InitiativePage,
            initiative["slug"],
            initiative_fields(initiative),
            log,
            {
                "sdgs": [goals[number] for number in initiative["sdgs"]],
                "targets": [targets[code] for code in initiative["targets"]],
                "themes": [themes[code] for code in initiative["themes"]],
            },
        )
        translate_page(page, log)


def city_fields(spec):
    return {
        "title": spec["title"],
        "country": spec["country"],
        "region": spec["region"],
        "population": spec.get("population"),
        "latitude": Decimal(spec["latitude"]),
        "longitude": Decimal(spec["longitude"]),
        "website": spec.get("website", ""),
        "intro": spec["intro"],
        "profile": rich_text(spec["profile"]),
    }


def initiative_fields(spec):
    return {
        "title": spec["title"],
        "summary": spec["summary"],
        "background": rich_text(spec["background"]),
        "actions": rich_text(spec["actions"]),
        "impacts": rich_text(spec["impacts"]),
        "budget": rich_text(spec["budget"]),
        "start_year": spec["start_year"],
        "end_year": spec["end_year"],
        "status": spec["status"],
        "implementing_agencies": spec["implementing_agencies"],
        "partners": spec["partners"],
    }
