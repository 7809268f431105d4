"""The four size bands of cities, by population.

The certification report (seed 002) names no bands, so these are the city size classes of the
United Nations' World Urbanization Prospects that UN-Habitat's World Cities Reports use
(megacities of 10 million or more, large cities of 5 to 10 million, medium-sized cities of 1 to 5
million), the classes below 1 million taken together as small cities (see the README, "Cities
like mine"). A city's band is derived from `CityPage.population` (synchronised across its
languages); a city without a population has none.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Band:
    code: str
    label: str
    description: str
    low: int  # inclusive
    high: int | None  # exclusive; None: no upper bound

    def contains(self, population):
        return (
            population is not None
            and self.low <= population
            and (self.high is None or population < self.high)
        )

    def filter(self, prefix=""):
        """A Q() for cities (or `prefix`-related cities) in this band."""
        condition = Q(**{f"{prefix}population__gte": self.low})
        if self.high is not None:
            condition &= Q(**{f"{prefix}population__lt": self.high})
        return condition


BANDS = (
    Band("small", _("Small city"), _("fewer than 1 million inhabitants"), 0, 1_000_000),
    Band("medium", _("Medium-sized city"), _("1 to 5 million inhabitants"), 1_000_000, 5_000_000),
    Band("large", _("Large city"), _("5 to 10 million inhabitants"), 5_000_000, 10_000_000),
    Band("megacity", _("Megacity"), _("10 million inhabitants or more"), 10_000_000, None),
)
CODES = [band.code for band in BANDS]


def band_of(population):
    """The Band of a population, or None when it is unknown."""
    return next((band for band in BANDS if band.contains(population)), None)
