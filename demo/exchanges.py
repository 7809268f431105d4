"""Two exchanges between the demo members' cities: Dar es Salaam learnt from Cape Town's
industrial symbiosis programme (done, with an outcome shown on the initiative page), and Cape
Town is learning from Dar es Salaam's school-area road safety (in progress, with messages).

Messages and outcomes are shown in the language they were written in, so they are not
translated. Written directly (not through exchanges.services), so that loading sends no e-mail;
looked up before it is created, so loading twice changes nothing.
"""

import datetime

from django.contrib.auth import get_user_model
from django.utils import timezone

from exchanges.models import Exchange, Message, Transition
from knowledge.models import CityMembership, InitiativePage

State = Exchange.State

EXCHANGES = [
    {
        "requesting": "daressalaam.member",
        "receiving": "capetown.member",
        "initiative": "western-cape-industrial-symbiosis-programme",
        "kind": Exchange.Kind.REPLICATION,
        "moves": [
            (State.ACCEPTED, "receiving"),
            (State.IN_PROGRESS, "receiving"),
            (State.DONE, "requesting"),
        ],
        "messages": [
            (
                "requesting",
                "fr",
                "Bonjour Thandi, notre zone industrielle cherche à valoriser ses déchets. "
                "Comment avez-vous mis les entreprises en relation ?",
            ),
            (
                "receiving",
                "en",
                "Hello Neema, we started with facilitated workshops where firms list what they "
                "throw away and what they buy. I can send you our workshop kit.",
            ),
        ],
        "outcome": (
            "fr",
            2026,
            "Deux ateliers de mise en relation avec 24 entreprises de Mikocheni ; neuf "
            "échanges de matières (palettes, chutes textiles, huiles usagées) sont en place.",
        ),
    },
    {
        "requesting": "capetown.member",
        "receiving": "daressalaam.member",
        "initiative": "school-area-road-safety",
        "kind": Exchange.Kind.CONTACT,
        "moves": [(State.ACCEPTED, "receiving"), (State.IN_PROGRESS, "requesting")],
        "messages": [
            (
                "requesting",
                "en",
                "Dear colleagues, could we see how you chose the first schools for safer "
                "crossings? We are planning the same near our clinics.",
            ),
            (
                "receiving",
                "fr",
                "Avec plaisir. Nous avons croisé les données d'accidents avec les trajets des "
                "élèves ; nous vous envoyons la méthode et la carte.",
            ),
        ],
        "outcome": None,
    },
]


def load(log):
    """Returns how many exchanges were created."""
    users = {
        user.username: user
        for user in get_user_model().objects.filter(
            username__in={spec[side] for spec in EXCHANGES for side in ("requesting", "receiving")}
        )
    }
    created = 0
    for spec in EXCHANGES:
        people = {side: users[spec[side]] for side in ("requesting", "receiving")}
        keys = {
            side: CityMembership.objects.get(user=user).city_key for side, user in people.items()
        }
        initiative = InitiativePage.objects.get(slug=spec["initiative"], locale__language_code="en")
        if Exchange.objects.filter(
            requesting_city_key=keys["requesting"],
            receiving_city_key=keys["receiving"],
            initiative_key=initiative.translation_key,
        ).exists():
            continue
        exchange = Exchange.objects.create(
            requesting_city_key=keys["requesting"],
            receiving_city_key=keys["receiving"],
            opened_by=people["requesting"],
            kind=spec["kind"],
            initiative_key=initiative.translation_key,
        )
        for side, language, body in spec["messages"]:
            Message.objects.create(
                exchange=exchange,
                author=people[side],
                city_key=keys[side],
                body=body,
                language=language,
            )
        for to_state, side in spec["moves"]:
            Transition.objects.create(
                exchange=exchange,
                from_state=exchange.state,
                to_state=to_state,
                user=people[side],
                city_key=keys[side],
            )
            exchange.state = to_state
        if spec["outcome"]:
            language, year, text = spec["outcome"]
            exchange.outcome, exchange.outcome_year, exchange.outcome_language = (
                text,
                year,
                language,
            )
            exchange.closed_at = timezone.make_aware(datetime.datetime(year, 11, 20, 10))
        exchange.save()
        log(f"Exchange about “{initiative.title}”: {exchange.get_state_display()}")
        created += 1
    return created
