"""Resolve SDGs, targets and themes to the rows of the language a page is shown in.

Relations are stored against rows of whichever language the page was written in (translations
copy them unchanged), so a French page may point at English theme rows. Showing it in French
means swapping each row for the French row with the same number or code.
"""

import unicodedata
from functools import cached_property

from .taxonomy import SDGTarget, SustainableDevelopmentGoal, Theme


class LocalizedTaxonomy:
    """The SDGs, targets and themes of one locale, each loaded once, on first use."""

    def __init__(self, locale_id):
        self.locale_id = locale_id

    @cached_property
    def goals(self):
        rows = SustainableDevelopmentGoal.objects.filter(locale_id=self.locale_id)
        return {goal.number: goal for goal in rows}

    @cached_property
    def themes(self):
        return {theme.code: theme for theme in Theme.objects.filter(locale_id=self.locale_id)}

    @cached_property
    def targets(self):
        rows = SDGTarget.objects.filter(locale_id=self.locale_id)
        return {target.code: target for target in rows}

    def goals_for(self, rows):
        """The goals of `rows` in this locale (a row missing here stays as it is), by number."""
        return sorted((self.goals.get(row.number, row) for row in rows), key=lambda g: g.number)

    def themes_for(self, rows):
        return sorted((self.themes.get(row.code, row) for row in rows), key=_title_key)

    def targets_for(self, rows):
        return sorted((self.targets.get(row.code, row) for row in rows), key=lambda t: t.sort_order)


def taxonomy_for(request, locale_id):
    """The LocalizedTaxonomy of `locale_id`, shared by everything that renders this request."""
    if request is None:
        return LocalizedTaxonomy(locale_id)
    cache = request.__dict__.setdefault("_localized_taxonomies", {})
    if locale_id not in cache:
        cache[locale_id] = LocalizedTaxonomy(locale_id)
    return cache[locale_id]


def _title_key(row):
    """Sort titles alphabetically, accented letters with their base letter (É with E)."""
    decomposed = unicodedata.normalize("NFKD", row.title.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))
