"""Cities of four regions and sizes, with one initiative each, in English and French.

Medium-sized (1 to 5 million): Cape Town and Dar es Salaam (Africa), Milan (Europe), Quito (Latin
America). Not peers of Cape Town: Seoul (large) and Saint-Louis (small), whose initiatives work on
goal 1, which no peer of Cape Town works on.
"""

from wagtail.models import Locale

import pytest

from certification import workflow
from certification.models import Application, Assessment
from tests.cms.conftest import api_schema  # noqa: F401 - the fixture, for the API's tests
from tests.factories import (
    CityIndexPageFactory,
    CityPageFactory,
    InitiativePageFactory,
    make_user,
)

CITIES = [
    # slug, title, country, region, population, initiative, goals, themes
    (
        "cape-town",
        "Cape Town",
        "ZA",
        "africa",
        4_700_000,
        "Industrial symbiosis",
        [9, 12],
        ["economy-jobs"],
    ),
    (
        "dar-es-salaam",
        "Dar es Salaam",
        "TZ",
        "africa",
        4_364_541,
        "School road safety",
        [3, 11],
        ["transport", "social-inclusion"],
    ),
    ("milan", "Milan", "IT", "europe", 1_300_000, "Food policy", [2, 12], ["food", "governance"]),
    (
        "quito",
        "Quito",
        "EC",
        "latin-america-caribbean",
        1_847_000,
        "Eco-efficiency ordinance",
        [6, 11],
        ["water-sanitation", "urban-planning"],
    ),
    ("seoul", "Seoul", "KR", "asia-pacific", 9_400_000, "Big data", [1], ["governance"]),
    ("saint-louis", "Saint-Louis", "SN", "africa", 312_369, "Mangroves", [1], ["governance"]),
]


def _translate(page, locale):
    translation = page.copy_for_translation(locale)
    translation.title = f"{page.title} (fr)"
    translation.save_revision().publish()
    translation.refresh_from_db()
    return translation


@pytest.fixture
def network(homes):
    """{"en": {slug: city}, "fr": {slug: city}, "initiatives": {slug: English initiative}}."""
    french = Locale.objects.get(language_code="fr")
    index = CityIndexPageFactory(parent=homes["en"])
    _translate(index, french)
    cities = {"en": {}, "fr": {}, "initiatives": {}}
    for slug, title, country, region, population, initiative, goals, themes in CITIES:
        city = CityPageFactory(
            parent=index,
            title=title,
            slug=slug,
            country=country,
            region=region,
            population=population,
        )
        page = InitiativePageFactory(parent=city, title=initiative, sdgs=goals, themes=themes)
        cities["en"][slug] = city
        cities["initiatives"][slug] = page
        cities["fr"][slug] = _translate(city, french)
        _translate(page, french)
    # Neither a draft of a peer nor a city without a population counts.
    InitiativePageFactory(parent=cities["en"]["milan"], title="Draft", sdgs=[1], live=False)
    CityPageFactory(parent=index, title="Nowhere", slug="nowhere", population=None)
    return cities


def stage_report(city, results):
    """A decided application of `city` with these consensus results by criterion code."""
    user = make_user(f"focal-{city.slug}")
    application = workflow.start(city.translation_key, user, "en")
    for code, result in results.items():
        Assessment.objects.create(application=application, criterion_code=code, result=result)
    application.status = Application.Status.NOT_ELIGIBLE
    application.save()
    return application
