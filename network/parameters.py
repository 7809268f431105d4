"""The peers endpoint's one parameter, read through the platform's one definition of a parameter
(knowledge.query.parameters): the same checks and messages as every listing ("city: …")."""

from django.utils.translation import gettext as _

from knowledge.models import CityPage
from knowledge.query.parameters import FilterError, Parameter, integer

__all__ = ["CITY", "FilterError", "read_city"]

MAX_ID = 2**63 - 1


def live_city_ids():
    return CityPage.objects.live().public().values_list("pk", flat=True)


def _city_page(name, value):
    """The live, public city page with this id (its language is the answer's)."""
    number = integer(1, MAX_ID, lambda: _("“%(value)s” is not the id of a city page."))(name, value)
    city = CityPage.objects.live().public().select_related("locale").filter(pk=number).first()
    if city is None:
        raise FilterError(name, _("There is no city with the id %(value)s.") % {"value": number})
    return city


CITY = Parameter(
    "city",
    _city_page,
    {"type": "integer", "minimum": 1, "maximum": MAX_ID},
    "Id of a city page; the answer is in that page's language.",
    many=False,
    values=live_city_ids,
)


def read_city(query):
    """The CityPage of ?city=; FilterError when it is missing or not a live, public city."""
    city = CITY.read(query)
    if city is None:
        raise FilterError(CITY.name, _("This parameter is required."))
    return city
