"""The 17 SDG pages (/<lang>/sdgs/<n>/) as search results.

They are routes of the SDG index page, drawn from the goal rows of the language, not pages of
their own; with 17 rows per language they are matched directly, on every backend alike.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from knowledge.models.localized import LocalizedTaxonomy
from knowledge.query import keywords
from pages.models import SDGIndexPage

GOAL_TYPE = "knowledge.SustainableDevelopmentGoal"
GOAL_TYPE_LABEL = _("SDG pages")


@dataclass
class GoalResult:
    number: int
    title: str  # the short title, as on the goal's page
    text: str  # the full title
    url: str
    type_label = _("Sustainable Development Goal")

    @property
    def key(self):
        return f"sdg:{self.number}"

    pk = key

    def get_url(self, request=None):
        return self.url

    def get_full_url(self, request=None):
        return request.build_absolute_uri(self.url) if request is not None else self.url


def goal_results(locale, query):
    """The goals whose titles hold all the query's words, in goal order."""
    # Whole words, as everywhere ("eau" is not in "niveaux"); as typed in Chinese.
    words = [keywords.word_pattern([word]) for word in query.split()]
    if not words:
        return []
    goals = LocalizedTaxonomy(locale.pk).goals  # from the cache, dropped when a goal changes
    matched = []
    for goal in sorted(goals.values(), key=lambda goal: goal.number):
        text = keywords.normalise(f"{goal.number} {goal.short_title} {goal.title}")
        if all(word.search(text) for word in words):
            matched.append(goal)
    # The SDG index page is looked up only when a goal matches (most searches name none).
    index = SDGIndexPage.objects.live().public().filter(locale=locale).first() if matched else None
    if index is None:
        return []
    base = index.get_url()
    return [
        GoalResult(
            number=goal.number,
            title=f"{goal.number}. {goal.short_title}",
            text=goal.title,
            url=f"{base}{goal.number}/",
        )
        for goal in matched
    ]
