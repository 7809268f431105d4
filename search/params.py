"""The search's facet parameters, read through the platform's one definition of each
(knowledge.query.parameters): the same names, checks and messages as every other listing."""

from django.utils.translation import gettext as _

from knowledge.query import parameters
from knowledge.query.parameters import FilterError, Parameter, one_of

from .goals import GOAL_TYPE
from .resources import RESOURCE_TYPE
from .types import SEARCHABLE_TYPES

__all__ = ["FilterError", "PARAMETERS", "parse_filters"]


def _types():
    return {*SEARCHABLE_TYPES, GOAL_TYPE, RESOURCE_TYPE}


TYPE = Parameter(
    "type",
    one_of(_types, lambda: _("There is no content type “%(value)s”.")),
    {"type": "string", "enum": sorted(_types())},
    "Content types of the results.",
)
# In the order of the facets shown beside the results.
PARAMETERS = {
    p.name: p
    for p in (
        TYPE,
        parameters.SDG,
        parameters.THEME,
        parameters.REGION,
        parameters.COUNTRY,
        parameters.YEAR,
    )
}


def parse_filters(query):
    """{facet: set of values}; a bad value raises FilterError naming the parameter."""
    return {name: set(parameter.read(query)) for name, parameter in PARAMETERS.items()}
