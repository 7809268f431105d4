"""Filters of the library, shared by the HTML index and the pages API
(type=library.LibraryItemPage).

`sdg` and `theme` as for initiatives; `kind` (publication, tool, guide, data, training);
`language`: a language the work is available in (a code such as fr or zh-hans); `year`.
"""

from dataclasses import dataclass, field, fields

from django.utils.translation import gettext as _

from knowledge.query import parameters
from knowledge.query.parameters import Parameter, one_of

from .choices import ItemKind
from .fields import language_codes, marker

KIND = Parameter(
    "kind",
    one_of(lambda: set(ItemKind.values), lambda: _("There is no kind “%(value)s”.")),
    {"type": "string", "enum": list(ItemKind.values)},
    "Kinds of library items.",
)
LANGUAGE = Parameter(
    "language",
    one_of(language_codes, lambda: _("There is no language “%(value)s”.")),
    {"type": "string", "enum": sorted(language_codes())},
    "Languages a library item is available in, such as fr or zh-hans.",
)


@dataclass
class LibraryFilters:
    sdg: list = field(default_factory=list)
    theme: list = field(default_factory=list)
    kind: list = field(default_factory=list)
    language: list = field(default_factory=list)
    year: list = field(default_factory=list)

    API_PARAMETERS = ("sdg", "theme", "kind", "language", "year")
    PARAMETERS = {
        p.name: p for p in (parameters.SDG, parameters.THEME, KIND, LANGUAGE, parameters.YEAR)
    }

    @classmethod
    def from_query(cls, query, names=None):
        filters = cls()
        for name in names or cls.API_PARAMETERS:
            setattr(filters, name, cls.PARAMETERS[name].read(query))
        return filters

    def __bool__(self):
        return any(getattr(self, f.name) for f in fields(self))

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
        if self.kind:
            queryset = queryset.filter(kind__in=self.kind)
        if self.language:
            available = model.objects.none()
            for code in self.language:
                available = available | model.objects.filter(languages__contains=marker(code))
            queryset = queryset.filter(pk__in=available.values("pk"))
        if self.year:
            queryset = queryset.filter(year__in=self.year)
        return queryset
