"""Related initiatives are chosen when initiatives change (knowledge.initiatives.related), not when
a page
is read: the stored lists stay the best live, public initiatives through publishing,
unpublishing, privacy and goal changes, and reading one costs the same at any corpus size."""

import random

from django.db.models import Count, F, Q

from wagtail.models import Page, PageViewRestriction

import pytest

from knowledge.initiatives import related
from knowledge.initiatives.related import related_initiatives
from knowledge.models import InitiativePage, RelatedInitiatives, SustainableDevelopmentGoal
from tests.factories import CityIndexPageFactory, CityPageFactory, InitiativePageFactory

pytestmark = pytest.mark.django_db


def chosen_by_scanning(page, limit=3):
    """The query initiative pages ran before the lists were stored, kept as the reference."""
    numbers = [goal.number for goal in page.sdgs.all()]
    codes = [theme.code for theme in page.themes.all()]
    if not numbers and not codes:
        return []
    return list(
        InitiativePage.objects.live()
        .public()
        .filter(locale_id=page.locale_id)
        .exclude(pk=page.pk)
        .filter(Q(sdgs__number__in=numbers) | Q(themes__code__in=codes))
        .values("pk", "title")
        .annotate(
            shared_goals=Count("sdgs", filter=Q(sdgs__number__in=numbers), distinct=True),
            shared_themes=Count("themes", filter=Q(themes__code__in=codes), distinct=True),
        )
        .annotate(shared=F("shared_goals") + F("shared_themes"))
        .order_by("-shared", "title")
        .values_list("pk", flat=True)[:limit]
    )


def chosen_in_python(page, limit=3):
    """The rule itself, on every initiative: most goals and themes shared, then title. (The
    former query found nothing for an initiative without themes or without goals: the sum of
    a count over an empty list emptied the whole query.)"""

    def tags(p):
        return {f"g{n}" for n in p.sdgs.values_list("number", flat=True)} | {
            f"t{c}" for c in p.themes.values_list("code", flat=True)
        }

    mine = tags(page)
    candidates = InitiativePage.objects.live().public().filter(locale_id=page.locale_id)
    scored = [
        (len(mine & tags(other)), other.title, other.pk) for other in candidates.exclude(pk=page.pk)
    ]
    scored = [row for row in scored if row[0]]
    return [pk for _, _, pk in sorted(scored, key=lambda row: (-row[0], row[1]))][:limit]


def shown(page):
    return list(
        related_initiatives(InitiativePage.objects.get(pk=page.pk)).values_list("pk", flat=True)
    )


def stored(page):
    """The stored list of a visible page; a hidden page has none (it would not be mended)."""
    row = RelatedInitiatives.objects.filter(page_id=page.pk).first()
    visible = InitiativePage.objects.live().public().filter(pk=page.pk).exists()
    assert (row is not None) == visible
    return [entry[0] for entry in row.entries] if row else chosen_in_python(page)


@pytest.fixture
def city(homes):
    cities = CityIndexPageFactory(parent=homes["en"])
    return CityPageFactory(parent=cities, title="Quito", country="EC")


def test_same_choice_as_scanning_every_initiative_on_the_demo_content(demo_content):
    RelatedInitiatives.objects.all().delete()
    assert related.rebuild() == InitiativePage.objects.live().public().count()
    pages = list(InitiativePage.objects.live())
    assert len(pages) >= 60
    nonempty = 0
    for page in pages:
        expected = chosen_in_python(page)
        assert shown(page) == expected, page.title
        if page.sdgs.exists() and page.themes.exists():
            assert chosen_by_scanning(page) == expected, page.title
            nonempty += bool(expected)
    assert nonempty >= 60


def test_a_new_better_initiative_enters_the_stored_lists_at_once(city):
    page = InitiativePageFactory(
        parent=city, title="Bus lanes", sdgs=[11, 13], themes=["transport"]
    )
    weak = [
        InitiativePageFactory(parent=city, title=f"Weak {n}", sdgs=[11], themes=[])
        for n in range(3)
    ]
    assert stored(page) == [w.pk for w in weak]

    strong = InitiativePageFactory(
        parent=city, title="Zebra crossings", sdgs=[11, 13], themes=["transport"]
    )

    assert stored(page) == [strong.pk, weak[0].pk, weak[1].pk]
    assert shown(page) == [strong.pk, weak[0].pk, weak[1].pk]
    # It shares one goal with the weak ones, as the others do, and its title sorts last.
    assert stored(weak[2]) == [page.pk, weak[0].pk, weak[1].pk]


def test_unpublished_and_private_initiatives_leave_and_the_next_best_fills_in(city):
    page = InitiativePageFactory(
        parent=city, title="Bus lanes", sdgs=[11, 13], themes=["transport"]
    )
    best = InitiativePageFactory(parent=city, title="Best", sdgs=[11, 13], themes=["transport"])
    good = InitiativePageFactory(parent=city, title="Good", sdgs=[11, 13])
    fair = InitiativePageFactory(parent=city, title="Fair", sdgs=[13])
    spare = InitiativePageFactory(parent=city, title="Spare", sdgs=[11])
    assert shown(page) == [best.pk, good.pk, fair.pk]

    best.unpublish()
    assert stored(page) == [good.pk, fair.pk, spare.pk]
    assert best.pk not in stored(good)

    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=good.pk),
        restriction_type=PageViewRestriction.PASSWORD,
        password="secret",
    )
    assert stored(page) == [fair.pk, spare.pk]
    assert shown(page) == [fair.pk, spare.pk]

    PageViewRestriction.objects.filter(page_id=good.pk).delete()
    assert shown(page) == [good.pk, fair.pk, spare.pk]

    Page.objects.get(pk=spare.pk).delete()
    assert shown(page) == [good.pk, fair.pk]


def test_a_hidden_page_is_never_shown_even_from_a_list_behind_the_queue(city):
    page = InitiativePageFactory(parent=city, title="Bus lanes", sdgs=[11])
    other = InitiativePageFactory(parent=city, title="Other", sdgs=[11])
    assert stored(page) == [other.pk]
    # A restriction written without its signals (as if the job had not run yet).
    PageViewRestriction.objects.bulk_create(
        [PageViewRestriction(page_id=other.pk, restriction_type="password", password="x")]
    )
    assert stored(page) == [other.pk]
    assert shown(page) == []
    InitiativePage.objects.filter(pk=other.pk).update(live=False)
    PageViewRestriction.objects.all().delete()
    assert shown(page) == []


def test_fewer_shared_goals_after_publishing_again_moves_it_down(city):
    page = InitiativePageFactory(parent=city, title="Bus lanes", sdgs=[11, 13, 6])
    mover = InitiativePageFactory(parent=city, title="Mover", sdgs=[11, 13, 6])
    others = [InitiativePageFactory(parent=city, title=f"Two {n}", sdgs=[11, 13]) for n in range(3)]
    assert stored(page) == [mover.pk, others[0].pk, others[1].pk]

    mover.sdgs = list(SustainableDevelopmentGoal.objects.filter(locale=mover.locale, number=6))
    mover.save_revision().publish()

    assert stored(page) == [o.pk for o in others]
    assert RelatedInitiatives.objects.get(page_id=mover.pk).entries == [[page.pk, 1, "Bus lanes"]]


def test_stored_lists_match_a_choice_from_scratch_after_any_changes(city):
    """Random publishing, unpublishing, goal changes, renames and deletions: after each, every
    stored list equals the one chosen from scratch."""
    rng = random.Random(21)
    goals = [11, 13, 6, 7]
    pages = [
        InitiativePageFactory(
            parent=city, title=f"Initiative {n:02}", sdgs=rng.sample(goals, rng.randint(1, 3))
        )
        for n in range(12)
    ]
    for step in range(40):
        page = InitiativePage.objects.get(pk=rng.choice(pages).pk)
        action = rng.choice(["unpublish", "publish", "goals", "rename", "delete"])
        if action == "unpublish" and page.live:
            page.unpublish()
        elif action == "delete" and step % 10 == 0:
            pages.remove(page)
            Page.objects.get(pk=page.pk).delete()
        else:
            if action == "goals":
                numbers = rng.sample(goals, rng.randint(1, 3))
                page.sdgs = list(
                    SustainableDevelopmentGoal.objects.filter(
                        locale=page.locale, number__in=numbers
                    )
                )
            if action == "rename":
                page.title = f"Initiative {rng.randint(0, 99):02} renamed"
            page.save_revision().publish()
        for other in InitiativePage.objects.all():
            expected = chosen_in_python(other)
            assert stored(other) == expected, (step, action, other.title)


def test_reading_the_list_takes_the_same_queries_at_any_size(city, django_assert_num_queries):
    page = InitiativePageFactory(parent=city, title="Bus lanes", sdgs=[11])
    InitiativePageFactory(parent=city, title="One", sdgs=[11])
    page = InitiativePage.objects.get(pk=page.pk)
    with django_assert_num_queries(3) as small:
        list(related_initiatives(page))
    for n in range(20):
        InitiativePageFactory(parent=city, title=f"More {n}", sdgs=[11])
    page = InitiativePage.objects.get(pk=page.pk)
    with django_assert_num_queries(len(small.captured_queries)):
        assert len(list(related_initiatives(page))) == 3
