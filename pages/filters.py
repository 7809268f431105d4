"""Filters of events and webinars, shared by the HTML indexes and the API.

`sdg` and `theme` as for initiatives; `attendance` (events: in-person, online, hybrid); `year`
(of the start); `upcoming=true` (not yet ended, ongoing ones included) or `false`;
`start_after` / `start_before`: YYYY-MM-DD or an ISO 8601 date and time, compared with the start,
inclusive, in UTC (a date as `start_before` includes the whole day).
"""

import datetime
from dataclasses import dataclass, field, fields

from django.utils import timezone
from django.utils.translation import gettext as _

from knowledge.filters import FilterError, InitiativeFilters, split_values

from .models.events import EventFormat

TRUE = {"true", "1", "yes"}
FALSE = {"false", "0", "no"}


def parse_moment(name, value):
    """(aware UTC datetime, whether a bare date was given) for a start_after/start_before value."""
    try:
        day = datetime.date.fromisoformat(value)
    except ValueError:
        day = None
    if day is not None and len(value) == 10:
        return datetime.datetime.combine(day, datetime.time.min, tzinfo=datetime.UTC), True
    try:
        moment = datetime.datetime.fromisoformat(value)
    except ValueError:
        raise FilterError(
            name,
            _("“%(value)s” is not a date (YYYY-MM-DD) or an ISO 8601 date and time.")
            % {"value": value},
        ) from None
    if timezone.is_naive(moment):
        moment = moment.replace(tzinfo=datetime.UTC)
    return moment.astimezone(datetime.UTC), False


@dataclass
class ScheduleFilters:
    sdg: list = field(default_factory=list)
    theme: list = field(default_factory=list)
    attendance: list = field(default_factory=list)
    year: list = field(default_factory=list)
    upcoming: bool | None = None
    start_after: datetime.datetime | None = None
    start_before: tuple | None = None  # (moment, whole_day)

    API_PARAMETERS = (
        "sdg",
        "theme",
        "attendance",
        "year",
        "upcoming",
        "start_after",
        "start_before",
    )

    @classmethod
    def from_query(cls, query, parameters=None):
        parameters = parameters or cls.API_PARAMETERS
        taxonomy = InitiativeFilters.from_query(
            query, parameters=[name for name in ("sdg", "theme") if name in parameters]
        )
        filters = cls(sdg=taxonomy.sdg, theme=taxonomy.theme)
        if "attendance" in parameters:
            filters.attendance = split_values(query, "attendance")
            for value in filters.attendance:
                if value not in EventFormat.values:
                    raise FilterError(
                        "attendance",
                        _("There is no format “%(value)s”.") % {"value": value}
                        + " "
                        + _("Use one of: %(codes)s.") % {"codes": ", ".join(EventFormat.values)},
                    )
        if "year" in parameters and "year" in query:
            filters.year = InitiativeFilters._parse_year(query)
        if "upcoming" in parameters and "upcoming" in query:
            value = query.get("upcoming", "").strip().lower()
            if value not in TRUE | FALSE:
                raise FilterError(
                    "upcoming", _("“%(value)s” is not true or false.") % {"value": value}
                )
            filters.upcoming = value in TRUE
        if "start_after" in parameters and query.get("start_after"):
            filters.start_after = parse_moment("start_after", query["start_after"])[0]
        if "start_before" in parameters and query.get("start_before"):
            filters.start_before = parse_moment("start_before", query["start_before"])
        return filters

    def __bool__(self):
        return any(getattr(self, f.name) not in (None, []) for f in fields(self))

    def apply(self, queryset):
        model = queryset.model
        if self.sdg:
            queryset = queryset.filter(
                pk__in=model.objects.filter(sdgs__number__in=self.sdg).values("pk")
            )
        if self.theme:
            queryset = queryset.filter(
                pk__in=model.objects.filter(themes__code__in=self.theme).values("pk")
            )
        if self.attendance:
            queryset = queryset.filter(attendance__in=self.attendance)
        if self.year:
            queryset = queryset.filter(start__year__in=self.year)
        if self.upcoming is not None:
            now = timezone.now()
            queryset = (
                queryset.filter(end__gte=now) if self.upcoming else queryset.filter(end__lt=now)
            )
        if self.start_after:
            queryset = queryset.filter(start__gte=self.start_after)
        if self.start_before:
            moment, whole_day = self.start_before
            if whole_day:
                queryset = queryset.filter(start__lt=moment + datetime.timedelta(days=1))
            else:
                queryset = queryset.filter(start__lte=moment)
        return queryset
