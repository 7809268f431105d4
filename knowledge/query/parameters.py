"""Query parameters, each defined once: how its values are read and checked, the message of a bad
value (translated, naming the parameter), and its OpenAPI schema.

Every listing reads its parameters through these definitions: the initiatives database and the
pages API (knowledge), events, webinars and feeds (pages), the search page and the search API
(search), the certificates register and API (certification). So `?theme=nope` is refused with the
same message everywhere, a year has the same bounds everywhere, and the OpenAPI document
describes what the server accepts (cms.openapi reads `schema()`).

Keys do not change with language: `sdg` takes goal numbers, `target` target codes, `theme` theme
codes, `country` ISO 3166 alpha-2 codes, `region` region codes, `city` the id of a city page in
any language, `year` years, `status` status codes. Several values of one parameter are given
comma-separated or repeated and mean OR; different parameters combine with AND.
"""

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.translation import gettext as _

from django_countries import countries

from ..base.regions import Region
from ..models import CityPage, InitiativeStatus, SDGTarget, Theme
from ..models.localized import taxonomy_codes

MAX_VALUES = 50
YEARS = (1950, 2100)
TARGET_CODE = re.compile(r"^(1[0-7]|[1-9])\.([1-9][0-9]?|[a-z])$")
THEME_CODE = r"^[a-z0-9-]{1,50}$"
# Keyword searches (?q=, ?search=): the database backends build one nested expression per word,
# and PostgreSQL's overflowed Python's recursion limit at about 200 words. Nobody searches with
# more words than this; longer queries are cut, not refused.
MAX_QUERY_LENGTH = 200
MAX_QUERY_WORDS = 24
# Characters the search backends would read as query syntax.
QUERY_SYNTAX = str.maketrans(
    {'"': " ", "\0": " ", "*": " ", "(": " ", ")": " ", ":": " ", "^": " "}
)
TRUE, FALSE = "true", "false"


class FilterError(ValueError):
    """A parameter value that cannot be used; the message names the parameter and is translated."""

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


def clean_keywords(raw):
    """The words of a keyword search (every search box, `q` and `search`), without query syntax,
    at most MAX_QUERY_WORDS words and MAX_QUERY_LENGTH characters."""
    words = (raw or "")[: MAX_QUERY_LENGTH * 2].translate(QUERY_SYNTAX).split()
    return " ".join(words[:MAX_QUERY_WORDS])[:MAX_QUERY_LENGTH].strip()


@dataclass(frozen=True)
class Parameter:
    """One query parameter. `convert(name, value)` returns the value to filter with or raises
    FilterError; `schema` is the OpenAPI schema of one value; `many` parameters take several
    values (a list), the others one (or None when absent)."""

    name: str
    convert: object
    schema: dict
    description: str
    many: bool = True
    examples: tuple = field(default=())
    # Codes that live in the database (themes, targets, cities): a function returning those that
    # exist, offered as the schema's enum so that the document allows only accepted values.
    values: object = None

    def read(self, query):
        if self.many:
            return [self.convert(self.name, value) for value in split_values(query, self.name)]
        values = split_values(query, self.name)
        if not values:
            return None
        if len(values) > 1:
            raise FilterError(self.name, _("Give one value only."))
        return self.convert(self.name, values[0])

    def openapi(self):
        """The parameter in an OpenAPI 3 document (comma-separated values for lists)."""
        schema = dict(self.schema)
        if self.values is not None:
            known = sorted(self.values())
            schema.pop("pattern", None)
            # With none in the database, a schema no value matches.
            schema.update({"enum": known} if known else {"not": {}})
        if self.many:
            schema = {"type": "array", "items": schema, "maxItems": MAX_VALUES}
        entry = {"name": self.name, "in": "query", "description": self.description}
        entry["schema"] = schema
        if self.many:
            entry.update(style="form", explode=False)
        return entry


def integer(low, high, message):
    def convert(name, value):
        try:
            number = int(value)
        except ValueError:
            number = None
        if number is None or not low <= number <= high:
            raise FilterError(name, message() % {"value": value})
        return number

    return convert


def one_of(choices, message):
    """A value among `choices()` (read on each request: editors add themes)."""

    def convert(name, value):
        known = choices()
        if value not in known:
            raise FilterError(
                name,
                message() % {"value": value}
                + " "
                + _("Use one of: %(codes)s.") % {"codes": ", ".join(sorted(known))},
            )
        return value

    return convert


def _target(name, value):
    if not TARGET_CODE.match(value):
        raise FilterError(
            name, _("“%(value)s” is not a target code such as 11.1 or 11.a.") % {"value": value}
        )
    if value not in taxonomy_codes(SDGTarget, "code"):
        raise FilterError(name, _("There is no target %(value)s.") % {"value": value})
    return value


def _theme(name, value):
    if value not in taxonomy_codes(Theme, "code"):
        raise FilterError(name, _("There is no theme “%(value)s”.") % {"value": value})
    return value


def _country(name, value):
    if value.upper() not in countries:
        raise FilterError(
            name, _("“%(value)s” is not an ISO 3166 alpha-2 country code.") % {"value": value}
        )
    return value.upper()


def _city(name, value):
    """The translation key of the city page with this id (in any language)."""
    number = integer(1, 2**63 - 1, lambda: _("“%(value)s” is not the id of a city page."))(
        name, value
    )
    key = CityPage.objects.filter(pk=number).values_list("translation_key", flat=True).first()
    if key is None:
        raise FilterError(name, _("There is no city with the id %(value)s.") % {"value": number})
    return key


def _boolean(name, value):
    if value.lower() not in (TRUE, FALSE):
        raise FilterError(name, _("“%(value)s” is not true or false.") % {"value": value})
    return value.lower() == TRUE


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


SDG = Parameter(
    "sdg",
    integer(1, 17, lambda: _("“%(value)s” is not a goal number from 1 to 17.")),
    {"type": "integer", "minimum": 1, "maximum": 17},
    "Goal numbers (1–17).",
)
TARGET = Parameter(
    "target",
    _target,
    {"type": "string", "pattern": TARGET_CODE.pattern},
    "SDG target codes, such as 11.1 or 11.a.",
    values=lambda: taxonomy_codes(SDGTarget, "code"),
)
THEME = Parameter(
    "theme",
    _theme,
    {"type": "string", "pattern": THEME_CODE},
    "Theme codes, such as transport.",
    values=lambda: taxonomy_codes(Theme, "code"),
)
COUNTRY = Parameter(
    "country",
    _country,
    {"type": "string", "enum": sorted(code for code, _name in countries)},
    "ISO 3166 alpha-2 country codes.",
)
REGION = Parameter(
    "region",
    one_of(lambda: set(Region.values), lambda: _("There is no region “%(value)s”.")),
    {"type": "string", "enum": list(Region.values)},
    "UN regional groupings.",
)
CITY = Parameter(
    "city",
    _city,
    {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
    "Ids of city pages, in any language.",
    values=lambda: CityPage.objects.live().public().values_list("pk", flat=True),
)
YEAR = Parameter(
    "year",
    integer(*YEARS, lambda: _("“%(value)s” is not a year between 1950 and 2100.")),
    {"type": "integer", "minimum": YEARS[0], "maximum": YEARS[1]},
    "Years: an initiative's start year, an event's or webinar's year.",
)
STATUS = Parameter(
    "status",
    one_of(lambda: set(InitiativeStatus.values), lambda: _("There is no status “%(value)s”.")),
    {"type": "string", "enum": list(InitiativeStatus.values)},
    "Status of initiatives.",
)
UPCOMING = Parameter(
    "upcoming",
    _boolean,
    {"type": "string", "enum": [TRUE, FALSE]},
    "true: not yet ended (ongoing included); false: ended.",
    many=False,
)
# The schema offers dates of these two centuries (days up to 28, valid in every month); the server
# also takes any ISO 8601 date and time, as the description says.
MOMENT_SCHEMA = {
    "type": "string",
    "maxLength": 40,
    "pattern": "^(19|20|21)[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|1[0-9]|2[0-8])$",
}
START_AFTER = Parameter(
    "start_after",
    lambda name, value: parse_moment(name, value)[0],
    MOMENT_SCHEMA,
    "Starting at or after this date (YYYY-MM-DD) or ISO 8601 date and time, in UTC.",
    many=False,
)
START_BEFORE = Parameter(
    "start_before",
    parse_moment,
    MOMENT_SCHEMA,
    "Starting at or before this date (the whole day) or ISO 8601 date and time, in UTC.",
    many=False,
)
