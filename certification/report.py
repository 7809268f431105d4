"""The stage report of a reviewed application: criteria met, gaps, and for each gap the
initiatives and tools that address it, found with Wagtail's search by the criterion's themes and
words in the application's language."""

from dataclasses import dataclass, field

from wagtail.models import Locale
from wagtail.search.backends import get_search_backend

from knowledge.models import InitiativePage
from library.models import LibraryItemPage

from .models import Assessment

SUGGESTIONS_PER_GAP = 3


@dataclass
class CriterionResult:
    criterion: dict
    result: str
    result_label: str
    comment: str
    initiatives: list = field(default_factory=list)
    tools: list = field(default_factory=list)


@dataclass
class StageReport:
    application: object
    stage: object
    city: object
    met: list
    gaps: list

    @property
    def criteria(self):
        return self.met + self.gaps


def _words(criterion):
    return " ".join(criterion.get("keywords", "").split())


def _initiatives_for(criterion, locale, city_key):
    """Live, public initiatives of other cities in `locale` sharing a theme with the
    criterion, the ones matching its words first."""
    themes = criterion.get("themes") or []
    candidates = (
        InitiativePage.objects.live()
        .public()
        .filter(locale=locale, themes__code__in=themes)
        .exclude(city__translation_key=city_key)
        .values_list("pk", flat=True)
        .distinct()
    )
    candidate_ids = list(candidates)
    if not candidate_ids:
        return []
    found = []
    words = _words(criterion)
    if words:
        results = InitiativePage.objects.filter(pk__in=candidate_ids).search(
            words, operator="or", order_by_relevance=True
        )
        found = [page.pk for page in results[:SUGGESTIONS_PER_GAP]]
    for pk in candidate_ids:
        if len(found) >= SUGGESTIONS_PER_GAP:
            break
        if pk not in found:
            found.append(pk)
    pages = InitiativePage.objects.filter(pk__in=found).select_related("city")
    order = {pk: position for position, pk in enumerate(found)}
    return sorted(pages, key=lambda page: order[page.pk])


def _tools_for(criterion, locale):
    """Live library items linked to the criterion, then items of its themes matching its words."""
    items = list(
        LibraryItemPage.objects.live()
        .public()
        .filter(locale=locale)
        .prefetch_related("themes")
        .order_by("title")
    )
    linked = [item for item in items if criterion["code"] in item.criteria]
    themes = set(criterion.get("themes") or [])
    related = [item for item in items if item not in linked and themes & set(item.theme_codes)]
    words = _words(criterion)
    if related and words:
        matching = get_search_backend().search(
            words,
            LibraryItemPage.objects.filter(pk__in=[item.pk for item in related]),
            operator="or",
        )
        matched_ids = [item.pk for item in matching]
        related.sort(key=lambda item: matched_ids.index(item.pk) if item.pk in matched_ids else 99)
    return (linked + related)[:SUGGESTIONS_PER_GAP]


def build_report(application, language=None):
    """The report in `language` (default: the application's): criteria texts, initiatives and
    tools in that language."""
    language = language or application.language
    locale = Locale.objects.filter(language_code=language).first() or Locale.get_default()
    assessments = {a.criterion_code: a for a in application.assessments.all()}
    labels = dict(Assessment.Result.choices)
    met, gaps = [], []
    for criterion in application.criteria_version.criteria_in(locale.language_code):
        assessment = assessments.get(criterion["code"])
        if assessment is None:
            continue
        entry = CriterionResult(
            criterion=criterion,
            result=assessment.result,
            result_label=labels[assessment.result],
            comment=assessment.comment,
        )
        if assessment.result == Assessment.Result.MET:
            met.append(entry)
        else:
            entry.initiatives = _initiatives_for(criterion, locale, application.city_key)
            entry.tools = _tools_for(criterion, locale)
            gaps.append(entry)
    return StageReport(
        application=application,
        stage=application.stage(locale),
        city=application.city(locale),
        met=met,
        gaps=gaps,
    )
