"""Published results, in one place for the initiative and city pages, the cycle's page, My City
and the API: finalists and winners of decided cycles whose results are published, of
initiatives that are live and public, each shown in the reader's language where translated."""

from dataclasses import dataclass

from knowledge.models import CityPage, InitiativePage

from .models import AwardCycle, AwardProgramme, Nomination, Rank

RANK_ORDER = {Rank.WINNER: 0, Rank.FINALIST: 1}


def published():
    """Nominations with a published result, of live, public initiatives."""
    live = InitiativePage.objects.live().public().values("translation_key")
    return (
        Nomination.objects.filter(
            cycle__status=AwardCycle.Status.DECIDED,
            cycle__results_published=True,
            initiative_key__in=live,
        )
        .exclude(rank="")
        .select_related("cycle")
    )


@dataclass
class Result:
    nomination: Nomination
    programme: AwardProgramme
    initiative: InitiativePage
    city: CityPage | None

    @property
    def rank(self):
        return self.nomination.rank

    @property
    def rank_label(self):
        return self.nomination.get_rank_display()

    @property
    def year(self):
        return self.nomination.cycle.year


def _in_locale(pages, locale):
    """{translation key: the page in `locale`, else in any language}."""
    chosen = {}
    for page in pages:
        if page.translation_key not in chosen or page.locale_id == locale.pk:
            chosen[page.translation_key] = page
    return chosen


def localize(nominations, locale):
    """Results for `nominations` (a window of `published()`), in a fixed number of queries."""
    nominations = list(nominations)
    if not nominations:
        return []
    initiative_keys = {n.initiative_key for n in nominations}
    city_keys = {n.city_key for n in nominations}
    programme_ids = {n.cycle.programme_id for n in nominations}
    initiatives = _in_locale(
        InitiativePage.objects.live().public().filter(translation_key__in=initiative_keys),
        locale,
    )
    cities = _in_locale(
        CityPage.objects.live().public().filter(translation_key__in=city_keys),
        locale,
    )
    sources = AwardProgramme.objects.filter(pk__in=programme_ids).values("pk", "translation_key")
    key_of = {row["pk"]: row["translation_key"] for row in sources}
    programmes = _in_locale(
        AwardProgramme.objects.filter(translation_key__in=key_of.values()), locale
    )
    results = []
    for nomination in nominations:
        initiative = initiatives.get(nomination.initiative_key)
        if initiative is None:
            continue
        results.append(
            Result(
                nomination,
                programmes[key_of[nomination.cycle.programme_id]],
                initiative,
                cities.get(nomination.city_key),
            )
        )
    return results


def ordered(queryset):
    return queryset.order_by("-cycle__year", "cycle__programme_id", "-rank", "pk")
