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

from knowledge.query import parameters
from knowledge.query.parameters import Parameter, one_of

from .choices import EventFormat

ATTENDANCE = Parameter(
    "attendance",
    one_of(lambda: set(EventFormat.values), lambda: _("There is no format “%(value)s”.")),
    {"type": "string", "enum": list(EventFormat.values)},
    "How people attend an event.",
)


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

    PARAMETERS = {
        p.name: p
        for p in (
            parameters.SDG,
            parameters.THEME,
            ATTENDANCE,
            parameters.YEAR,
            parameters.UPCOMING,
            parameters.START_AFTER,
            parameters.START_BEFORE,
        )
    }

    @classmethod
    def from_query(cls, query, names=None):
        filters = cls()
        for name in names or cls.API_PARAMETERS:
            setattr(filters, name, cls.PARAMETERS[name].read(query))
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


# Webinars are all online: every schedule filter but attendance.
WEBINAR_PARAMETERS = tuple(name for name in ScheduleFilters.API_PARAMETERS if name != "attendance")
