"""Cities like mine: a city's peers and the initiatives of peers recommended for its weakest
goals, each with a one-line reason in the language of the city page asked about.

- Peers: live, public cities of the same language and size band (network.bands), those of the
  same region first, then by title and id.
- Weakest areas: where the city has a stage report (its latest application whose technical
  review is complete, as the report page requires), the themes of the report's gaps, those named
  by most gap criteria first (criteria are linked to themes, not to goals); otherwise, or when no
  peer works on those themes, the goals the city has the fewest live initiatives on, lowest number
  first. Only areas some peer works on count, at most WEAKEST of them.
- Recommendations: live, public initiatives of peers on those areas, those of the same region
  first, then by the weakest area they work on, the city's title, their title and id.

Everything is read in a fixed number of queries, whatever the number of cities and initiatives.
The page and the API show the same lists (`build`). What they show is named in the response's
cache tags: cities (`list-citypage`), initiatives (`list-initiativepage`) and the city's stage
report (`stage-report-<city key>`, purged when its application or assessments change).
"""

from dataclasses import dataclass, field

from django.db.models import Case, Count, IntegerField, Min, Value, When
from django.utils import translation
from django.utils.translation import gettext as _

from certification.models import Application, Assessment
from knowledge.base import cache_tags
from knowledge.models import CityPage, InitiativePage
from knowledge.models.localized import taxonomy_for

from .bands import band_of

PEERS_SHOWN = 12
RECOMMENDED = 6
WEAKEST = 3

SDG, THEME = "sdg", "theme"
STAGE_REPORT, FEWEST_INITIATIVES = "stage-report", "fewest-initiatives"


@dataclass
class Focus:
    """A weak area: a goal (`code` its number) or a theme (`code` its code), titled in the
    city's language."""

    kind: str
    code: object
    title: str


@dataclass
class Peer:
    city: object
    band: object
    same_region: bool
    reason: str


@dataclass
class Recommendation:
    initiative: object
    focus: Focus
    same_region: bool
    reason: str


@dataclass
class CityNetwork:
    city: object
    band: object
    peers: list = field(default_factory=list)
    basis: str | None = None
    focus: list = field(default_factory=list)
    recommendations: list = field(default_factory=list)


# Only a decided application's gaps are used: they show on the public city page and API, and an
# application still before the committee is the city's own business.
DECIDED = (Application.Status.CERTIFIED, Application.Status.NOT_ELIGIBLE)


def stage_report_tag(city_key):
    return f"stage-report-{city_key}"


def build(city, request=None):
    """The CityNetwork of `city` (a CityPage), in its language."""
    cache_tags.add(
        cache_tags.list_tag(CityPage),
        cache_tags.list_tag(InitiativePage),
        stage_report_tag(city.translation_key),
    )
    band = band_of(city.population)
    network = CityNetwork(city=city, band=band)
    if band is None:
        return network
    with translation.override(city.locale.language_code):
        network.peers = _peers(city, band)
        network.basis, network.focus = _weakest(city, band, request)
        network.recommendations = _recommendations(city, band, network.focus, request)
    return network


def _same_region_first(region, field_name="region"):
    return Case(
        When(**{field_name: region}, then=Value(0)), default=Value(1), output_field=IntegerField()
    )


def _peer_cities(city, band):
    return (
        CityPage.objects.live()
        .public()
        .filter(band.filter(), locale_id=city.locale_id)
        .exclude(translation_key=city.translation_key)
    )


def _peer_initiatives(city, band):
    """Live, public initiatives of the city's language whose city is a live peer."""
    return (
        InitiativePage.objects.live()
        .public()
        .filter(band.filter("city__"), locale_id=city.locale_id, city__live=True)
        .exclude(city__translation_key=city.translation_key)
    )


def _peers(city, band):
    cities = (
        _peer_cities(city, band)
        .annotate(region_rank=_same_region_first(city.region))
        .order_by("region_rank", "title", "pk")[:PEERS_SHOWN]
    )
    peers = []
    for peer in cities:
        same_region = peer.region_rank == 0
        reason = _("Same size, same region") if same_region else _("Same size")
        peers.append(Peer(city=peer, band=band, same_region=same_region, reason=reason))
    return peers


def _latest_gaps(city):
    """The criteria (dicts with their `themes`) assessed as gaps in the city's latest stage
    report, in the criteria's order; [] without a report."""
    application = (
        Application.objects.filter(city_key=city.translation_key, status__in=DECIDED)
        .select_related("criteria_version")
        .order_by("-reviewed_at", "-created_at", "-pk")
        .first()
    )
    if application is None:
        return []
    gap_codes = set(
        Assessment.objects.filter(application=application)
        .exclude(result=Assessment.Result.MET)
        .values_list("criterion_code", flat=True)
    )
    return [item for item in application.criteria_version.criteria if item["code"] in gap_codes]


def _weakest(city, band, request):
    """(basis, [Focus]) — see the module's docstring."""
    taxonomy = taxonomy_for(request, city.locale_id)
    gaps = _latest_gaps(city)
    if gaps:
        named = {}
        for position, criterion in enumerate(gaps):
            for code in criterion.get("themes") or []:
                count, first = named.get(code, (0, position))
                named[code] = (count + 1, first)
        worked_on = set(
            _peer_initiatives(city, band)
            .filter(themes__code__in=list(named))
            .values_list("themes__code", flat=True)
            .distinct()
        )
        codes = sorted(worked_on, key=lambda code: (-named[code][0], named[code][1], code))
        if codes:
            return STAGE_REPORT, [
                Focus(THEME, code, _theme_title(taxonomy, code)) for code in codes[:WEAKEST]
            ]
    counts = dict(
        InitiativePage.objects.live()
        .public()
        .filter(city=city, sdgs__isnull=False)
        .values_list("sdgs__number")
        .annotate(count=Count("pk", distinct=True))
    )
    worked_on = set(
        _peer_initiatives(city, band)
        .filter(sdgs__isnull=False)
        .values_list("sdgs__number", flat=True)
        .distinct()
    )
    numbers = sorted(worked_on, key=lambda number: (counts.get(number, 0), number))[:WEAKEST]
    if not numbers:
        return None, []
    return FEWEST_INITIATIVES, [Focus(SDG, n, _goal_title(taxonomy, n)) for n in numbers]


def _goal_title(taxonomy, number):
    goal = taxonomy.goals.get(number)
    return goal.short_title if goal else str(number)


def _theme_title(taxonomy, code):
    theme = taxonomy.themes.get(code)
    return theme.title if theme else code


def _recommendations(city, band, focus, request):
    if not focus:
        return []
    related = "sdgs__number" if focus[0].kind == SDG else "themes__code"
    codes = [item.code for item in focus]
    rank = Case(
        *(When(**{related: code}, then=Value(position)) for position, code in enumerate(codes)),
        output_field=IntegerField(),
    )
    chosen = list(
        _peer_initiatives(city, band)
        .filter(**{f"{related}__in": codes})
        .annotate(focus_rank=Min(rank), region_rank=_same_region_first(city.region, "city__region"))
        .order_by("region_rank", "focus_rank", "city__title", "title", "pk")
        .values_list("pk", "focus_rank", "region_rank")[:RECOMMENDED]
    )
    pages = InitiativePage.objects.filter(pk__in=[pk for pk, _rank, _region in chosen])
    cards = InitiativePage.prepare_cards(pages.with_card_data(), request)
    pages = {page.pk: page for page in cards}
    recommendations = []
    for pk, focus_rank, region_rank in chosen:
        area = focus[focus_rank]
        recommendations.append(
            Recommendation(
                initiative=pages[pk],
                focus=area,
                same_region=region_rank == 0,
                reason=_reason(area, region_rank == 0),
            )
        )
    return recommendations


def _reason(area, same_region):
    if area.kind == SDG:
        values = {"number": area.code, "goal": area.title}
        if same_region:
            return _("Same size, same region, works on SDG %(number)s: %(goal)s") % values
        return _("Same size, works on SDG %(number)s: %(goal)s") % values
    values = {"theme": area.title}
    if same_region:
        return _("Same size, same region, works on %(theme)s") % values
    return _("Same size, works on %(theme)s") % values
