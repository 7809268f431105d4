"""Facet choices read from the query string, the same for the search page and the API."""

import re

from django.utils.translation import gettext as _

from django_countries import countries

from knowledge.regions import Region

from .goals import GOAL_TYPE
from .resources import RESOURCE_TYPE
from .types import SEARCHABLE_TYPES

CODE = re.compile(r"^[a-z0-9-]{1,50}$")


class FilterError(ValueError):
    def __init__(self, name, message):
        super().__init__(f"{name}: {message}")
        self.name = name


def _values(params, name):
    values = []
    for raw in params.getlist(name):
        values.extend(value.strip() for value in raw.split(",") if value.strip())
    return values


def _check(name, values, valid, convert=str):
    out = set()
    for value in values:
        try:
            converted = convert(value)
        except ValueError:
            converted = None
        if converted is None or not valid(converted):
            raise FilterError(name, _("“%(value)s” is not a valid choice.") % {"value": value})
        out.add(converted)
    return out


def parse_filters(params, strict=True):
    """{facet: set of values}. With strict, a bad value raises FilterError; otherwise it is
    left out (the search page ignores what it does not understand)."""
    checks = {
        "type": (
            lambda value: value in SEARCHABLE_TYPES or value in (GOAL_TYPE, RESOURCE_TYPE),
            str,
        ),
        "sdg": (lambda value: 1 <= value <= 17, int),
        "theme": (lambda value: bool(CODE.match(value)), str),
        "region": (lambda value: value in Region.values, str),
        "country": (lambda value: value in dict(countries), str.upper),
        "year": (lambda value: 1900 <= value <= 2100, int),
    }
    selected = {}
    for name, (valid, convert) in checks.items():
        values = _values(params, name)
        if strict:
            selected[name] = _check(name, values, valid, convert)
        else:
            kept = set()
            for value in values:
                try:
                    kept |= _check(name, [value], valid, convert)
                except FilterError:
                    continue
            selected[name] = kept
    return selected
