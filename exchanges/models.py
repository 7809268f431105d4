"""Exchanges between two cities (or a city and a partner), their messages and history, and
members' notification settings.

Cities and partners are named by the translation key of their pages (as memberships are), so an
exchange belongs to them in every language. An exchange has two sides: the requesting city, and
the receiving city or partner; messages and transitions record the key of the side that acted.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.models import Page

from knowledge.models import CityPage, InitiativePage


class TransitionError(ValidationError):
    """A move the exchange's state does not allow, or that lacks what it needs."""


class ExchangeQuerySet(models.QuerySet):
    def involving(self, city_key):
        return self.filter(
            models.Q(requesting_city_key=city_key) | models.Q(receiving_city_key=city_key)
        )

    def replications(self):
        """Done exchanges with an outcome: the public part of the network."""
        return self.filter(state=Exchange.State.DONE).exclude(outcome="")


class Exchange(models.Model):
    class Kind(models.TextChoices):
        CONTACT = "contact", _("Contact")
        REPLICATION = "replication", _("Replication interest")

    class State(models.TextChoices):
        REQUESTED = "requested", _("Requested")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")

    # state -> {next state: the side that may make the move ("receiving" or "either")}
    TRANSITIONS = {
        State.REQUESTED: {State.ACCEPTED: "receiving", State.DECLINED: "receiving"},
        State.ACCEPTED: {State.IN_PROGRESS: "either"},
        State.IN_PROGRESS: {State.DONE: "either"},
        State.DECLINED: {},
        State.DONE: {},
    }
    OPEN_STATES = (State.REQUESTED, State.ACCEPTED, State.IN_PROGRESS)

    requesting_city_key = models.UUIDField(_("requesting city"), db_index=True)
    receiving_city_key = models.UUIDField(_("receiving city"), null=True, blank=True, db_index=True)
    # The receiving side when it is a partner organisation (a PartnerPage's translation key).
    partner_key = models.UUIDField(_("receiving partner"), null=True, blank=True, db_index=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    initiative_key = models.UUIDField(_("initiative"), null=True, blank=True, db_index=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    state = models.CharField(
        _("state"), max_length=20, choices=State.choices, default=State.REQUESTED, db_index=True
    )
    created_at = models.DateTimeField(_("opened"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last change"), auto_now=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    outcome = models.TextField(_("what came of it"), blank=True)
    outcome_language = models.CharField(
        _("language of the outcome"), max_length=10, choices=settings.LANGUAGES, blank=True
    )
    outcome_year = models.PositiveSmallIntegerField(_("year of the outcome"), null=True, blank=True)
    # Partners see the exchange only once one of the two cities agreed.
    shared_with_partners = models.BooleanField(_("shared with partners"), default=False)

    objects = ExchangeQuerySet.as_manager()

    class Meta:
        verbose_name = _("exchange")
        verbose_name_plural = _("exchanges")
        ordering = ["-updated_at"]
        constraints = [
            # The receiving side is a city or a partner, never both nor neither.
            models.CheckConstraint(
                condition=models.Q(receiving_city_key__isnull=True, partner_key__isnull=False)
                | models.Q(receiving_city_key__isnull=False, partner_key__isnull=True),
                name="exchange_receiving_city_or_partner",
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()} #{self.pk}"

    # Sides

    @property
    def receiving_key(self):
        """The receiving side: the partner's key in a city <-> partner exchange, else the city's."""
        return self.partner_key or self.receiving_city_key

    def side_keys(self):
        return {self.requesting_city_key, self.receiving_key}

    def city_keys(self):
        return {key for key in (self.requesting_city_key, self.receiving_city_key) if key}

    def other_city_key(self, city_key):
        if city_key == self.requesting_city_key:
            return self.receiving_city_key
        return self.requesting_city_key

    def initiative(self, locale=None):
        """The initiative page in `locale` where it exists, else in its first language."""
        if self.initiative_key is None:
            return None
        pages = Page.objects.filter(translation_key=self.initiative_key).specific()
        if locale is not None:
            localized = pages.filter(locale=locale).first()
            if localized is not None:
                return localized
        return pages.order_by("pk").first()

    @property
    def is_open(self):
        return self.state in self.OPEN_STATES

    # Transitions: the one place that says what may follow what, and who may move it

    def allowed_moves(self, side_key):
        """The states the given side (a city's or the partner's key) may move the exchange to."""
        if side_key not in self.side_keys():
            return []
        moves = self.TRANSITIONS[self.state]
        return [
            state
            for state, side in moves.items()
            if side == "either" or side_key == self.receiving_key
        ]

    @transaction.atomic
    def move(self, to_state, user, city_key, outcome="", outcome_year=None, language=""):
        """Move to `to_state` on behalf of the side `city_key`, recorded with who and when; raises
        TransitionError for a move that is not allowed or a close without an outcome."""
        if to_state not in self.allowed_moves(city_key):
            raise TransitionError(
                _("This exchange cannot move from “%(from)s” to “%(to)s”.")
                % {
                    "from": self.State(self.state).label,
                    "to": self.State(to_state).label if to_state in self.State.values else to_state,
                }
            )
        if to_state == self.State.DONE:
            outcome = (outcome or "").strip()
            if not outcome:
                raise TransitionError(_("Say what came of the exchange to close it."))
            if outcome_year is None:
                raise TransitionError(_("Give the year of the outcome to close the exchange."))
            self.outcome, self.outcome_year = outcome, outcome_year
            self.outcome_language = language or settings.LANGUAGE_CODE
        if to_state in (self.State.DONE, self.State.DECLINED):
            self.closed_at = timezone.now()
        transition = Transition(
            exchange=self, from_state=self.state, to_state=to_state, user=user, city_key=city_key
        )
        self.state = to_state
        self.save()
        transition.save()
        return transition


class Transition(models.Model):
    """One move of an exchange: from, to, by whom for which city, when."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="transitions")
    from_state = models.CharField(_("from"), max_length=20, choices=Exchange.State.choices)
    to_state = models.CharField(_("to"), max_length=20, choices=Exchange.State.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The side that moved it: a city's key, or the partner's in a city <-> partner exchange.
    city_key = models.UUIDField(_("for the city"))
    created_at = models.DateTimeField(_("at"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange transition")
        verbose_name_plural = _("exchange transitions")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.from_state} → {self.to_state}"


class Message(models.Model):
    """A message between the two cities' members, shown in the language it was written in."""

    exchange = models.ForeignKey(Exchange, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("author"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The author's side: a city's key, or the partner's in a city <-> partner exchange.
    city_key = models.UUIDField(_("city"))
    body = models.TextField(_("message"))
    language = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)

    class Meta:
        verbose_name = _("exchange message")
        verbose_name_plural = _("exchange messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.exchange} ({self.language})"


class NotificationSettings(models.Model):
    """What a person wants to hear about by e-mail; everything until they turn it off."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="notification_settings"
    )
    comments = models.BooleanField(_("new comments on my city's initiatives"), default=True)
    exchanges = models.BooleanField(_("messages and changes in my city's exchanges"), default=True)
    comment_approved = models.BooleanField(_("my comment was approved"), default=True)
    digest = models.BooleanField(_("daily digest of what waits for moderators"), default=True)

    FIELDS = ("comments", "exchanges", "comment_approved", "digest")

    class Meta:
        verbose_name = _("notification settings")
        verbose_name_plural = _("notification settings")

    def __str__(self):
        return str(self.user)


def localized(pages, locale):
    """{translation_key: page} of `pages` in `locale` where it exists, else in its first
    language."""
    found = {}
    for page in pages.order_by("pk"):
        if page.translation_key not in found or page.locale_id == locale.pk:
            found[page.translation_key] = page
    return found


def city_pages(city_keys, locale):
    """{city_key: city page} in `locale` where it exists, else in its first language."""
    return localized(CityPage.objects.filter(translation_key__in=set(city_keys)), locale)


def initiative_pages(initiative_keys, locale):
    """{initiative_key: initiative page} in `locale` where it exists, else in its first language
    (Exchange.initiative for many exchanges at once)."""
    keys = set(initiative_keys) - {None}
    return localized(InitiativePage.objects.filter(translation_key__in=keys), locale)


from .partner_models import PartnerAccount, PartnerCity  # noqa: E402, F401 - one models module
