"""Filters of the initiatives database, shared by the HTML index, the pages API, the feed and
the search: parameters read through knowledge.query.parameters, applied to initiatives, counted for
facets in the database."""

from dataclasses import dataclass, field, fields

from django.db.models import Count

from ..models import InitiativePage
from ..query import parameters
from ..query.parameters import FilterError

__all__ = ["FilterError", "InitiativeFilters"]


@dataclass
class InitiativeFilters:
    sdg: list = field(default_factory=list)
    target: list = field(default_factory=list)
    theme: list = field(default_factory=list)
    country: list = field(default_factory=list)
    region: list = field(default_factory=list)
    city: list = field(default_factory=list)  # translation keys of the chosen cities
    year: list = field(default_factory=list)
    status: list = field(default_factory=list)

    # Every filter is offered by the pages API too (type=knowledge.InitiativePage).
    API_PARAMETERS = ("sdg", "target", "theme", "country", "region", "city", "year", "status")
    PARAMETERS = {
        p.name: p
        for p in (
            parameters.SDG,
            parameters.TARGET,
            parameters.THEME,
            parameters.COUNTRY,
            parameters.REGION,
            parameters.CITY,
            parameters.YEAR,
            parameters.STATUS,
        )
    }

    @classmethod
    def from_query(cls, query, names=None):
        """Parse and validate the filters in `query`; raise FilterError on the first bad value."""
        filters = cls()
        for name in names or cls.PARAMETERS:
            setattr(filters, name, cls.PARAMETERS[name].read(query))
        return filters

    def __bool__(self):
        return any(getattr(self, f.name) for f in fields(self))

    def cache_key(self):
        """The chosen values, the same for the same choice in any order."""
        return "&".join(
            f"{f.name}=" + ",".join(sorted(str(value) for value in getattr(self, f.name)))
            for f in fields(self)
        )

    def apply(self, queryset, skip=None):
        """`queryset` (of InitiativePage) narrowed by every filter except `skip`."""

        def active(name):
            return name != skip and getattr(self, name)

        # Many-to-many conditions go through a subquery so that no initiative is repeated.
        if active("sdg"):
            queryset = queryset.filter(pk__in=_initiatives(sdgs__number__in=self.sdg))
        if active("target"):
            queryset = queryset.filter(pk__in=_initiatives(targets__code__in=self.target))
        if active("theme"):
            queryset = queryset.filter(pk__in=_initiatives(themes__code__in=self.theme))
        if active("country"):
            queryset = queryset.filter(city__country__in=self.country)
        if active("region"):
            queryset = queryset.filter(city__region__in=self.region)
        if active("city"):
            queryset = queryset.filter(city__translation_key__in=self.city)
        if active("year"):
            queryset = queryset.filter(start_year__in=self.year)
        if active("status"):
            queryset = queryset.filter(status__in=self.status)
        return queryset

    def facet_counts(self, queryset):
        """For each filter, how many results each of its values would give with the others."""
        dimensions = {
            "sdg": "sdgs__number",
            "theme": "themes__code",
            "country": "city__country",
            "region": "city__region",
            "city": "city_id",
            "year": "start_year",
            "status": "status",
        }
        counts = {}
        for name, path in dimensions.items():
            rows = (
                self.apply(queryset, skip=name)
                .order_by()
                .values(path)
                .annotate(count=Count("pk", distinct=True))
            )
            counts[name] = {row[path]: row["count"] for row in rows if row[path] is not None}
        return counts


def _initiatives(**conditions):
    return InitiativePage.objects.filter(**conditions).values("pk")
