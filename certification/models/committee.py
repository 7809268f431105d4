"""Committee meetings, their reproducible spot-check draw and their decisions; certificates.

Commit-reveal: when the meeting is planned, a random seed is made and only its SHA-256 (the
commitment) is published on the meeting page; the seed stays hidden until the draw, which
closes the agenda and reveals it. Anyone can then check that the SHA-256 of the revealed seed
is the commitment published before, and repeat the draw.

The draw rule: each application on the agenda gets the SHA-256 of "<seed>:<application id>" (UTF-8,
in hexadecimal); the applications are sorted by it, and the first ones are chosen, as many as the
share of the list, rounded up. The ids chosen are given in ascending order.
"""

import hashlib
import math
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from .applications import Application
from .framework import CertifyingBody, CriteriaVersion


def draw_spot_checks(seed, pool, share):
    """The ids of `pool` chosen for spot checks with `seed`; `share` is between 0 and 1."""
    pool = sorted(set(pool))
    # Decimal arithmetic: 0.3 × 10 is 3, not 3.0000000000000004 rounded up to 4.
    exact = Decimal(str(share)) * len(pool)
    count = min(len(pool), math.ceil(exact)) if pool and share else 0

    def rank(pk):
        return hashlib.sha256(f"{seed}:{pk}".encode()).hexdigest()

    return sorted(sorted(pool, key=rank)[:count])


def commitment_of(seed):
    """The SHA-256 of the seed (UTF-8), in hexadecimal: what is published before the draw."""
    return hashlib.sha256(seed.encode()).hexdigest()


class CommitteeMeeting(models.Model):
    """A sitting of the global committee or of a national mechanism."""

    body = models.ForeignKey(
        CertifyingBody,
        verbose_name=_("certifying body"),
        on_delete=models.PROTECT,
        related_name="meetings",
    )
    date = models.DateField(_("date"))
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL, verbose_name=_("members"), related_name="committee_meetings"
    )
    spot_check_share = models.DecimalField(
        _("share of applications spot-checked"),
        max_digits=3,
        decimal_places=2,
        default=0.25,
        help_text=_("Between 0 and 1: 0.25 checks one application in four."),
    )
    # Made when the meeting is planned and kept hidden until the draw reveals it.
    spot_check_seed = models.CharField(_("seed of the draw"), max_length=64, blank=True)
    spot_check_commitment = models.CharField(_("SHA-256 of the seed"), max_length=64, blank=True)
    spot_check_pool = models.JSONField(_("applications the draw was made from"), default=list)
    spot_check_selected = models.JSONField(_("applications chosen"), default=list)
    drawn_at = models.DateTimeField(_("drawn"), null=True, blank=True)
    drawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("committee meeting")
        verbose_name_plural = _("committee meetings")
        ordering = ["-date", "-pk"]

    def __str__(self):
        return f"{self.body} {self.date}"

    @property
    def drawn(self):
        return self.drawn_at is not None

    def redraw(self):
        """The draw repeated from the recorded seed and list."""
        return draw_spot_checks(self.spot_check_seed, self.spot_check_pool, self.spot_check_share)

    @staticmethod
    def new_seed():
        return secrets.token_hex(16)

    @property
    def commitment_holds(self):
        """The revealed seed is the one committed to."""
        return bool(self.spot_check_seed) and (
            commitment_of(self.spot_check_seed) == self.spot_check_commitment
        )


class AgendaItem(models.Model):
    """An application on a meeting's agenda, and the committee's decision on it."""

    class Outcome(models.TextChoices):
        CERTIFY = "certify", _("Certify")
        NOT_ELIGIBLE = "not_eligible", _("Not yet eligible")
        DEFER = "defer", _("Defer")

    meeting = models.ForeignKey(CommitteeMeeting, on_delete=models.CASCADE, related_name="items")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="agenda_items"
    )
    spot_check = models.BooleanField(_("spot check"), default=False)
    spot_check_notes = models.TextField(_("findings of the spot check"), blank=True)
    outcome = models.CharField(_("decision"), max_length=20, choices=Outcome.choices, blank=True)
    rationale = models.TextField(_("rationale"), blank=True)
    criteria_version = models.ForeignKey(
        CriteriaVersion,
        verbose_name=_("criteria version judged against"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["application_id"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "application"], name="one_item_per_application"
            )
        ]

    def __str__(self):
        return f"{self.meeting}: {self.application}"


class Vote(models.Model):
    """A member's vote on an agenda item, cast at the meeting (changeable until the decision)."""

    class Choice(models.TextChoices):
        CERTIFY = "certify", _("Certify")
        NOT_ELIGIBLE = "not_eligible", _("Not yet eligible")
        DEFER = "defer", _("Defer")
        ABSTAIN = "abstain", _("Abstain")

    item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="votes")
    member = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="certification_votes"
    )
    choice = models.CharField(_("vote"), max_length=20, choices=Choice.choices)
    comment = models.TextField(_("comment"), blank=True)
    cast_at = models.DateTimeField(_("cast"), auto_now=True)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        ordering = ["item_id", "cast_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["item", "member"], name="one_vote_per_member")
        ]

    def __str__(self):
        return f"{self.item}: {self.member} {self.choice}"


def outcome_of_votes(choices):
    """The decision the votes make: the choice among certify, not yet eligible and defer with
    the most votes; a tie for the most, or only abstentions, defers."""
    counts = {
        choice: sum(1 for vote in choices if vote == choice)
        for choice in (Vote.Choice.CERTIFY, Vote.Choice.NOT_ELIGIBLE, Vote.Choice.DEFER)
    }
    best = max(counts.values(), default=0)
    leaders = [choice for choice, count in counts.items() if count == best]
    if best == 0 or len(leaders) > 1:
        return AgendaItem.Outcome.DEFER
    return AgendaItem.Outcome(leaders[0])


class CertificateQuerySet(models.QuerySet):
    def current(self, today=None):
        """Neither revoked nor expired: the public register."""
        today = today or timezone.localdate()
        return self.filter(revoked_at__isnull=True, expires_on__gte=today)


class Certificate(models.Model):
    class State(models.TextChoices):
        ACTIVE = "active", _("Valid")
        EXPIRED = "expired", _("Expired")
        REVOKED = "revoked", _("Revoked")

    number = models.CharField(_("number"), max_length=30, unique=True)
    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="certificate"
    )
    city_key = models.UUIDField(_("city"), db_index=True)
    stage_key = models.UUIDField(_("stage"))
    stage_code = models.SlugField(_("stage code"), max_length=50)
    label = models.CharField(_("label"), max_length=50)  # the stage's label when issued
    body = models.ForeignKey(
        CertifyingBody,
        verbose_name=_("certifying body"),
        on_delete=models.PROTECT,
        related_name="certificates",
    )
    issued_on = models.DateField(_("issued"))
    expires_on = models.DateField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    revocation_reason = models.TextField(_("reason for revocation"), blank=True)
    expiry_reminded_at = models.DateTimeField(null=True, blank=True)
    # When the daily job recorded (and announced) that the certificate had expired.
    expired_recorded_at = models.DateTimeField(null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        verbose_name = _("certificate")
        verbose_name_plural = _("certificates")
        ordering = ["-issued_on", "-pk"]

    def __str__(self):
        return self.number

    def state(self, today=None):
        if self.revoked_at is not None:
            return self.State.REVOKED
        if self.expires_on < (today or timezone.localdate()):
            return self.State.EXPIRED
        return self.State.ACTIVE

    @property
    def state_label(self):
        return self.State(self.state()).label
