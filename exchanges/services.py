"""What members do with exchanges, and the e-mails each step sends."""

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from . import notifications
from .models import Exchange, Message

STATE_SUBJECTS = {
    Exchange.State.ACCEPTED: _("%(receiving)s accepted the exchange with %(requesting)s"),
    Exchange.State.DECLINED: _("%(receiving)s declined the exchange with %(requesting)s"),
    Exchange.State.IN_PROGRESS: _(
        "The exchange between %(requesting)s and %(receiving)s is in progress"
    ),
    Exchange.State.DONE: _("The exchange between %(requesting)s and %(receiving)s is done"),
}


def _others(exchange, author):
    """The members of both cities but `author`."""
    for city_key in (exchange.requesting_city_key, exchange.receiving_city_key):
        yield from notifications.city_members(city_key, exclude=author)


@transaction.atomic
def open_exchange(
    requesting_key, receiving_key, user, kind, initiative_key=None, body="", language="en"
):
    """Open an exchange between two cities (or add to the open one between them about the same
    initiative), with `body` as a message if given; the receiving city's members hear of it."""
    exchange = (
        Exchange.objects.filter(
            requesting_city_key=requesting_key,
            receiving_city_key=receiving_key,
            initiative_key=initiative_key,
            state__in=Exchange.OPEN_STATES,
        )
        .order_by("pk")
        .first()
    )
    created = exchange is None
    if created:
        exchange = Exchange.objects.create(
            requesting_city_key=requesting_key,
            receiving_city_key=receiving_key,
            opened_by=user,
            kind=kind,
            initiative_key=initiative_key,
        )
    if body.strip():
        Message.objects.create(
            exchange=exchange,
            author=user,
            city_key=requesting_key,
            body=body.strip(),
            language=language,
        )
    if created:
        notifications.notify(
            notifications.city_members(receiving_key, exclude=user),
            "exchanges",
            _("%(requesting)s asks %(receiving)s for an exchange"),
            "opened",
            notifications.exchange_context(exchange),
        )
    elif body.strip():
        _message_sent(exchange, user)
    return exchange


@transaction.atomic
def post_message(exchange, user, city_key, body, language):
    message = Message.objects.create(
        exchange=exchange, author=user, city_key=city_key, body=body.strip(), language=language
    )
    exchange.save(update_fields=["updated_at"])
    _message_sent(exchange, user)
    return message


def _message_sent(exchange, author):
    notifications.notify(
        _others(exchange, author),
        "exchanges",
        _("New message in the exchange between %(requesting)s and %(receiving)s"),
        "message",
        notifications.exchange_context(exchange),
    )


@transaction.atomic
def move(exchange, to_state, user, city_key, outcome="", outcome_year=None, language="en"):
    """Move the exchange (Exchange.move says what is allowed) and tell both cities' members."""
    transition = exchange.move(
        to_state, user, city_key, outcome=outcome, outcome_year=outcome_year, language=language
    )
    notifications.notify(
        _others(exchange, user),
        "exchanges",
        STATE_SUBJECTS[to_state],
        "state",
        notifications.exchange_context(exchange),
    )
    return transition


def set_shared(exchange, shared):
    exchange.shared_with_partners = shared
    exchange.save(update_fields=["shared_with_partners", "updated_at"])
