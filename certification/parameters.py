"""The certificates register's query parameters, read through the platform's one definition of a
parameter (knowledge.query.parameters): the same checks and messages ("stage: …") as every
listing."""

from django.utils.translation import gettext as _

from knowledge.query import parameters
from knowledge.query.parameters import FilterError, Parameter, one_of

from .models import CertificationStage

__all__ = ["FilterError", "PARAMETERS", "STAGE", "parse_filters"]

STAGE_CODE = r"^[a-z0-9-]{1,50}$"


def stage_codes():
    return set(CertificationStage.objects.values_list("code", flat=True).distinct())


STAGE = Parameter(
    "stage",
    one_of(stage_codes, lambda: _("There is no stage “%(value)s”.")),
    {"type": "string", "pattern": STAGE_CODE},
    "Stage codes, such as qualification.",
    values=stage_codes,
)
PARAMETERS = {p.name: p for p in (STAGE, parameters.COUNTRY, parameters.CITY)}


def parse_filters(query):
    """{name: list of values} (cities as translation keys); a bad value raises FilterError."""
    return {name: parameter.read(query) for name, parameter in PARAMETERS.items()}
