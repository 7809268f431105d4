"""What members do with exchanges, and the e-mails each step sends."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from . import notifications
from .models import Exchange, Message
from .partners import partner_users

STATE_SUBJECTS = {
    Exchange.State.ACCEPTED: _("%(receiving)s accepted the exchange with %(requesting)s"),
    Exchange.State.DECLINED: _("%(receiving)s declined the exchange with %(requesting)s"),
    Exchange.State.IN_PROGRESS: _(
        "The exchange between %(requesting)s and %(receiving)s is in progress"
    ),
    Exchange.State.DONE: _("The exchange between %(requesting)s and %(receiving)s is done"),
}


def _tell_both_sides(exchange, author, subject, template):
    """E-mail the members of the exchange's cities, and the partner's accounts, but `author`;
    each side with a link to where it reads the exchange."""
    notifications.notify(
        (
            user
            for city_key in (exchange.requesting_city_key, exchange.receiving_city_key)
            if city_key
            for user in notifications.city_members(city_key, exclude=author)
        ),
        "exchanges",
        subject,
        template,
        notifications.exchange_context(exchange),
    )
    if exchange.partner_key:
        notifications.notify(
            partner_users(exchange.partner_key, exclude=author),
            "exchanges",
            subject,
            template,
            notifications.exchange_context(exchange, for_partner=True),
        )


@transaction.atomic
def open_exchange(
    requesting_key,
    receiving_key,
    user,
    kind,
    initiative_key=None,
    body="",
    language="en",
    partner_key=None,
):
    """Open an exchange between two cities, or between a city and the partner `partner_key`
    (then `receiving_key` is None), or add to the open one between them about the same
    initiative, with `body` as a message if given; the receiving side hears of it."""
    exchange = (
        Exchange.objects.filter(
            requesting_city_key=requesting_key,
            receiving_city_key=receiving_key,
            partner_key=partner_key,
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
            partner_key=partner_key,
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
            partner_users(partner_key, exclude=user)
            if partner_key
            else notifications.city_members(receiving_key, exclude=user),
            "exchanges",
            _("%(requesting)s asks %(receiving)s for an exchange"),
            "opened",
            notifications.exchange_context(exchange, for_partner=bool(partner_key)),
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
    _tell_both_sides(
        exchange,
        author,
        _("New message in the exchange between %(requesting)s and %(receiving)s"),
        "message",
    )


@transaction.atomic
def move(exchange, to_state, user, city_key, outcome="", outcome_year=None, language="en"):
    """Move the exchange (Exchange.move says what is allowed) and tell both sides."""
    transition = exchange.move(
        to_state, user, city_key, outcome=outcome, outcome_year=outcome_year, language=language
    )
    _tell_both_sides(exchange, user, STATE_SUBJECTS[to_state], "state")
    return transition


def set_shared(exchange, shared):
    exchange.shared_with_partners = shared
    exchange.save(update_fields=["shared_with_partners", "updated_at"])


def set_consent(link, consented, user):
    """A city member gives or withdraws the city's consent to a partner following it."""
    link.consented = consented
    link.decided_at = timezone.now()
    link.decided_by = user
    link.save(update_fields=["consented", "decided_at", "decided_by"])
