"""Filters of the initiatives database, shared by the HTML index and the API.

Keys do not change with language: `sdg` takes goal numbers, `target` target codes, `theme` theme
codes, `country` ISO 3166 alpha-2 codes, `region` region codes, `city` the id of a city page in
any language, `year` start years, `status` status codes. Several values of one filter are given
comma-separated or repeated and mean OR; different filters combine with AND.
"""

import re
from dataclasses import dataclass, field, fields

from django.db.models import Count
from django.utils.translation import gettext as _

from django_countries import countries

from .models import CityPage, InitiativePage, InitiativeStatus, SDGTarget, Theme
from .models.localized import taxonomy_codes
from .regions import Region

MAX_VALUES = 50
TARGET_CODE = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-z])$")
# Keyword searches (?q= of the index, ?search= of the pages API): the database backends build
# one nested expression per word, and PostgreSQL's overflowed Python's recursion limit at about
# 200 words. Nobody searches with more words than this.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 24
QUERY_SYNTAX = str.maketrans({'"': " ", "\0": " "})


def clean_keywords(raw):
    """The words of a keyword search, without quotes, at most MAX_QUERY_WORDS words and
    MAX_QUERY_LENGTH characters."""
    words = (raw or "")[: MAX_QUERY_LENGTH * 2].translate(QUERY_SYNTAX).split()
    return " ".join(words[:MAX_QUERY_WORDS])[:MAX_QUERY_LENGTH].strip()


class FilterError(ValueError):
    """A filter value that cannot be used; the message names the parameter and is translated."""

    def __init__(self, parameter, message):
        self.parameter = parameter
        super().__init__(f"{parameter}: {message}")


def split_values(query, name):
    """All values of `name` in a QueryDict, whether repeated or comma-separated."""
    values = []
    for raw in query.getlist(name):
        values.extend(part.strip() for part in raw.split(","))
    values = [value for value in values if value]
    if len(values) > MAX_VALUES:
        raise FilterError(name, _("At most %(count)d values are allowed.") % {"count": MAX_VALUES})
    if any("\x00" in value for value in values):
        raise FilterError(name, _("Null characters are not allowed."))
    return values


def _integers(query, name, low, high, message):
    result = []
    for value in split_values(query, name):
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise FilterError(name, message % {"value": value})
        result.append(number)
    return result


def _known(query, name, known, message):
    values = split_values(query, name)
    for value in values:
        if value not in known:
            raise FilterError(name, message % {"value": value})
    return values


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

    # Filters that the API offers on the pages endpoint (year and status are HTML-only there,
    # where they can be written as field filters: ?start_year=2015&status=ongoing).
    API_PARAMETERS = ("sdg", "target", "theme", "country", "region", "city")

    @classmethod
    def from_query(cls, query, parameters=None):
        """Parse and validate the filters in `query`; raise FilterError on the first bad value."""
        parameters = parameters or [f.name for f in fields(cls)]
        filters = cls()
        for name in parameters:
            if name in query:
                setattr(filters, name, getattr(cls, f"_parse_{name}")(query))
        return filters

    @staticmethod
    def _parse_sdg(query):
        return _integers(query, "sdg", 1, 17, _("“%(value)s” is not a goal number from 1 to 17."))

    @staticmethod
    def _parse_target(query):
        values = split_values(query, "target")
        for value in values:
            if not TARGET_CODE.match(value):
                raise FilterError(
                    "target",
                    _("“%(value)s” is not a target code such as 11.1 or 11.a.") % {"value": value},
                )
        known = taxonomy_codes(SDGTarget, "code")
        for value in values:
            if value not in known:
                raise FilterError("target", _("There is no target %(value)s.") % {"value": value})
        return values

    @staticmethod
    def _parse_theme(query):
        values = split_values(query, "theme")
        known = taxonomy_codes(Theme, "code")
        for value in values:
            if value not in known:
                raise FilterError("theme", _("There is no theme “%(value)s”.") % {"value": value})
        return values

    @staticmethod
    def _parse_country(query):
        values = [value.upper() for value in split_values(query, "country")]
        for value in values:
            if value not in countries:
                raise FilterError(
                    "country",
                    _("“%(value)s” is not an ISO 3166 alpha-2 country code.") % {"value": value},
                )
        return values

    @staticmethod
    def _parse_region(query):
        return _known(
            query,
            "region",
            set(Region.values),
            _("There is no region “%(value)s”.")
            + " "
            + _("Use one of: %(codes)s.") % {"codes": ", ".join(Region.values)},
        )

    @staticmethod
    def _parse_city(query):
        ids = _integers(query, "city", 1, 2**63 - 1, _("“%(value)s” is not the id of a city page."))
        keys = dict(CityPage.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        for city_id in ids:
            if city_id not in keys:
                raise FilterError(
                    "city", _("There is no city with the id %(value)s.") % {"value": city_id}
                )
        return [keys[city_id] for city_id in ids]

    @staticmethod
    def _parse_year(query):
        return _integers(
            query, "year", 1950, 2100, _("“%(value)s” is not a year between 1950 and 2100.")
        )

    @staticmethod
    def _parse_status(query):
        return _known(
            query,
            "status",
            set(InitiativeStatus.values),
            _("There is no status “%(value)s”.")
            + " "
            + _("Use one of: %(codes)s.") % {"codes": ", ".join(InitiativeStatus.values)},
        )

    def __bool__(self):
        return any(getattr(self, f.name) for f in fields(self))

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
