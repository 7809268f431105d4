"""Goals, themes and targets of pages read in one query (knowledge.models.localized.
load_relations) show as they did when each relation was read on its own: in the page's
language, the page's own row where its language has none, and a preview's own relations."""

from django.contrib.auth.models import AnonymousUser

import pytest

from knowledge.models import InitiativePage, SDGTarget, SustainableDevelopmentGoal, Theme
from knowledge.models.localized import load_relations
from tests.factories import CityIndexPageFactory, CityPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db


def english(model, **key):
    return model.objects.get(locale__language_code="en", **key)


@pytest.fixture
def french(homes):
    """A French initiative related to English rows, as a translation copied from English is."""
    cities = CityIndexPageFactory(parent=homes["fr"], slug="villes")
    lyon = CityPageFactory(parent=cities, title="Lyon", country="FR")
    page = InitiativePageFactory(parent=lyon, title="Tramway", sdgs=[], themes=[])
    page.sdgs = [
        english(SustainableDevelopmentGoal, number=13),
        english(SustainableDevelopmentGoal, number=11),
    ]
    page.themes = [english(Theme, code="transport")]
    page.targets = [english(SDGTarget, code="11.2")]
    page.save()
    return page


def shown(page):
    return (
        [(goal.number, goal.locale.language_code) for goal in page.localized_sdgs()],
        [(theme.code, theme.locale.language_code) for theme in page.localized_themes()],
        [(target.code, target.locale.language_code) for target in page.localized_targets()],
    )


def test_the_rows_of_the_pages_language_are_shown(french, django_assert_num_queries):
    each_relation = shown(InitiativePage.objects.get(pk=french.pk))
    assert each_relation == (
        [(11, "fr"), (13, "fr")],
        [("transport", "fr")],
        [("11.2", "fr")],
    )
    page = InitiativePage.objects.get(pk=french.pk)
    with django_assert_num_queries(1):
        load_relations([page])
    assert shown(page) == each_relation


def test_one_query_reads_the_relations_of_several_pages(french, django_assert_num_queries):
    other = InitiativePageFactory(parent=french.get_parent(), title="Vélos", sdgs=[3], themes=[])
    pages = list(InitiativePage.objects.filter(pk__in=[french.pk, other.pk]).order_by("pk"))
    with django_assert_num_queries(1):
        load_relations(pages)
    assert [goal.number for goal in pages[1].localized_sdgs()] == [3]
    assert pages[1].localized_themes() == [] and pages[1].localized_targets() == []
    assert [goal.number for goal in pages[0].localized_sdgs()] == [11, 13]


def test_a_row_its_language_lacks_shows_as_it_is(french):
    only_english = Theme.objects.create(
        locale=english(Theme, code="transport").locale, code="night-economy", title="Night economy"
    )
    french.themes = [english(Theme, code="transport"), only_english]
    french.save()
    page = InitiativePage.objects.get(pk=french.pk)
    load_relations([page])
    themes = [(theme.code, theme.locale.language_code) for theme in page.localized_themes()]
    assert sorted(themes) == [("night-economy", "en"), ("transport", "fr")]


def test_a_preview_shows_its_own_relations(rf, french):
    page = InitiativePage.objects.get(pk=french.pk)
    page.sdgs = [english(SustainableDevelopmentGoal, number=5)]  # edited, not saved
    request = rf.get("/")
    request.user = AnonymousUser()
    request.is_preview = True
    assert [goal.number for goal in page.get_context(request)["sdgs"]] == [5]
    live = rf.get("/")
    live.user = AnonymousUser()
    saved = InitiativePage.objects.get(pk=french.pk)
    assert [goal.number for goal in saved.get_context(live)["sdgs"]] == [11, 13]
