"""The replications listing's query parameters, read through the platform's one definition of a
parameter (knowledge.query.parameters): the same checks and messages as every listing."""

from django.utils.translation import gettext as _

from knowledge.models import InitiativePage
from knowledge.query import parameters
from knowledge.query.parameters import FilterError, Parameter, integer

__all__ = ["FilterError", "INITIATIVE", "PARAMETERS", "parse_filters"]


def _initiative(name, value):
    """The translation key of the live initiative page with this id (in any language)."""
    number = integer(1, 2**63 - 1, lambda: _("“%(value)s” is not the id of an initiative page."))(
        name, value
    )
    key = (
        InitiativePage.objects.live()
        .public()
        .filter(pk=number)
        .values_list("translation_key", flat=True)
        .first()
    )
    if key is None:
        raise FilterError(
            name, _("There is no initiative with the id %(value)s.") % {"value": number}
        )
    return key


INITIATIVE = Parameter(
    "initiative",
    _initiative,
    {"type": "integer", "minimum": 1, "maximum": 2**63 - 1},
    "Ids of initiative pages, in any language.",
    values=lambda: InitiativePage.objects.live().public().values_list("pk", flat=True),
)
PARAMETERS = {p.name: p for p in (INITIATIVE, parameters.CITY)}


def parse_filters(query):
    """{name: list of values} (translation keys); a bad value raises FilterError."""
    return {name: parameter.read(query) for name, parameter in PARAMETERS.items()}
