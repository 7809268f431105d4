"""The committee's work: meetings with their agenda, the spot-check draw, decisions, and the
certificates they issue (with expiry reminders and revocation). Every step is in Wagtail's audit
log and e-mailed to the people concerned."""

import datetime

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log

from knowledge.base import reading

from . import emails, independence, signals
from .conf import app_settings
from .models import (
    AgendaItem,
    Application,
    Certificate,
    CommitteeMeeting,
    Vote,
    draw_spot_checks,
    outcome_of_votes,
)
from .models.committee import commitment_of
from .workflow import TransitionError, _transition

Status = Application.Status
Outcome = AgendaItem.Outcome


# Applications that go on an agenda: reviewed ones, and deferred ones back for another meeting.
AGENDA_STATUSES = [Status.REVIEWED, Status.DEFERRED]


def awaiting_decision(body=None):
    """Reviewed or deferred applications not on the agenda of a meeting that has yet to decide
    them."""
    pending = AgendaItem.objects.filter(outcome="").values("application_id")
    queryset = Application.objects.filter(status__in=AGENDA_STATUSES).exclude(pk__in=pending)
    if body is not None:
        queryset = queryset.filter(certifying_body__translation_key=body.translation_key)
    return queryset


def meeting_problems(body, members, applications):
    """Why a meeting of `body` with these members and this agenda cannot be planned."""
    problems = []
    seated = set(body.source.members.values_list("pk", flat=True))
    if seated and any(member.pk not in seated for member in members):
        problems.append(_("Choose members of this certifying body."))
    if len(members) < body.source.quorum:
        problems.append(
            _("The meeting needs at least %(quorum)s members to reach the body's quorum.")
            % {"quorum": body.source.quorum}
        )
    if any(not body.may_certify(application.stage_code) for application in applications):
        problems.append(_("This certifying body may not certify the stage of every application."))
    if any(application.status not in AGENDA_STATUSES for application in applications):
        problems.append(_("Only reviewed or deferred applications go on an agenda."))
    return problems


@transaction.atomic
def create_meeting(body, date, members, share, applications, user):
    members = list(members)
    if problems := meeting_problems(body, members, applications):
        raise TransitionError(" ".join(problems))
    # Commit-reveal: the seed is made now and kept hidden; its SHA-256 is published.
    seed = CommitteeMeeting.new_seed()
    meeting = CommitteeMeeting.objects.create(
        body=body,
        date=date,
        spot_check_share=share,
        spot_check_seed=seed,
        spot_check_commitment=commitment_of(seed),
        created_by=user,
    )
    meeting.members.set(members)
    for application in applications:
        AgendaItem.objects.create(meeting=meeting, application=application)
    log(
        instance=meeting,
        action="certification.meeting_created",
        user=user,
        data={
            "agenda": [a.pk for a in applications],
            "date": date.isoformat(),
            "commitment": meeting.spot_check_commitment,
        },
    )
    for application in applications:
        log(
            instance=application,
            action="certification.on_agenda",
            user=user,
            data={"meeting": meeting.pk, "date": date.isoformat()},
        )
    emails.notify_meeting(
        meeting, gettext_lazy("A certification committee meeting is planned"), "meeting_planned"
    )
    return meeting


@transaction.atomic
def draw(meeting, user):
    """Close the agenda, reveal the seed committed to when the meeting was planned, choose the
    spot checks with it, once, and record the list and the result."""
    meeting = CommitteeMeeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.drawn:
        raise TransitionError(_("The spot checks of this meeting are drawn already."))
    pool = sorted(meeting.items.values_list("application_id", flat=True))
    seed = meeting.spot_check_seed
    if not meeting.spot_check_commitment:
        # A meeting planned before commitments existed: committed and revealed at once.
        seed = seed or CommitteeMeeting.new_seed()
        meeting.spot_check_commitment = commitment_of(seed)
    if commitment_of(seed) != meeting.spot_check_commitment:
        raise TransitionError(_("The seed does not match the published commitment."))
    selected = draw_spot_checks(seed, pool, meeting.spot_check_share)
    meeting.spot_check_seed = seed
    meeting.spot_check_pool = pool
    meeting.spot_check_selected = selected
    meeting.drawn_at = timezone.now()
    meeting.drawn_by = user
    meeting.save()
    meeting.items.filter(application_id__in=selected).update(spot_check=True)
    log(
        instance=meeting,
        action="certification.spot_checks_drawn",
        user=user,
        data={
            "seed": seed,
            "commitment": meeting.spot_check_commitment,
            "pool": pool,
            "selected": selected,
        },
    )
    for pk in selected:
        log(
            instance=Application.objects.get(pk=pk),
            action="certification.spot_check",
            user=user,
            data={"meeting": meeting.pk, "seed": seed},
        )
    emails.notify_meeting(
        meeting,
        gettext_lazy("Spot checks drawn for the committee meeting"),
        "spot_checks",
    )
    return meeting


def _add_years(day, years):
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


def _check_sitting(item, user):
    """The meeting has begun (its date has come, the spot checks are drawn), the item is open,
    and `user` is free of a registered conflict with the application."""
    meeting = item.meeting
    if meeting.date > timezone.localdate():
        raise TransitionError(
            _("Votes and decisions are recorded on or after the meeting's date (%(date)s).")
            % {"date": reading.day(meeting.date)}
        )
    if not meeting.drawn:
        raise TransitionError(_("Draw the spot checks before deciding."))
    if item.outcome:
        raise TransitionError(_("This application is decided already."))
    if independence.is_conflicted(user, item.application):
        raise TransitionError(
            _("You are registered with a conflict of interest with this city or country.")
        )


@transaction.atomic
def vote(item, user, choice, comment=""):
    """A member's vote on an agenda item; voting again replaces their vote until the decision."""
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    if not item.meeting.members.filter(pk=user.pk).exists():
        raise TransitionError(_("Only the meeting's members vote."))
    _check_sitting(item, user)
    previous = Vote.objects.filter(item=item, member=user).values_list("choice", flat=True).first()
    Vote.objects.update_or_create(
        item=item, member=user, defaults={"choice": choice, "comment": comment}
    )
    log(
        instance=item.application,
        action="certification.vote",
        user=user,
        data={"meeting": item.meeting_id, "vote": choice, "previous": previous},
    )


def tally(item):
    """{choice: count} of the item's votes, with the number cast and the quorum."""
    choices = list(item.votes.values_list("choice", flat=True))
    quorum = item.meeting.body.source.quorum
    return {
        "counts": {choice: choices.count(choice) for choice in Vote.Choice.values},
        "cast": len(choices),
        "quorum": quorum,
        "reached": len(choices) >= quorum,
        "outcome": outcome_of_votes(choices),
    }


@transaction.atomic
def decide(item, rationale, user, spot_check_notes=""):
    """Record the decision the members' votes make, once the quorum has voted."""
    item = AgendaItem.objects.select_for_update().select_related("meeting").get(pk=item.pk)
    meeting = item.meeting
    _check_sitting(item, user)
    if item.spot_check and not (spot_check_notes or item.spot_check_notes).strip():
        raise TransitionError(_("Record the findings of the spot check before deciding."))
    count = tally(item)
    if not count["reached"]:
        raise TransitionError(
            _("The quorum is not reached: %(cast)s of %(quorum)s votes.")
            % {"cast": count["cast"], "quorum": count["quorum"]}
        )
    outcome = count["outcome"]
    application = item.application
    if outcome == Outcome.CERTIFY and not meeting.body.may_certify(application.stage_code):
        raise TransitionError(_("This certifying body may not certify this stage."))
    item.outcome = outcome
    item.rationale = rationale
    item.spot_check_notes = spot_check_notes or item.spot_check_notes
    item.criteria_version = application.criteria_version
    item.decided_at = timezone.now()
    item.decided_by = user
    item.save()
    data = {"meeting": meeting.pk, "outcome": outcome, "votes": count["counts"]}
    to = {
        Outcome.CERTIFY: Status.CERTIFIED,
        Outcome.NOT_ELIGIBLE: Status.NOT_ELIGIBLE,
        Outcome.DEFER: Status.DEFERRED,
    }[outcome]
    _transition(application, AGENDA_STATUSES, to, user, "certification.decide", **data)
    certificate = None
    if outcome == Outcome.CERTIFY:
        certificate = issue_certificate(application, meeting.body, user)
    emails.notify(
        list(emails.city_members(application)) + list(emails.secretariat()),
        gettext_lazy("The certification committee decided on an application"),
        "decided",
        application,
        item=item,
        certificate=certificate,
    )
    return certificate


def issue_certificate(application, body, user, today=None):
    issued = today or timezone.localdate()
    version = application.criteria_version
    stage = application.stage()
    certificate = Certificate.objects.create(
        number=f"pending-{application.pk}",
        application=application,
        city_key=application.city_key,
        stage_key=version.stage_key,
        stage_code=application.stage_code,
        label=stage.label,
        body=body,
        issued_on=issued,
        expires_on=_add_years(issued, app_settings.CERTIFICATE_VALIDITY_YEARS),
    )
    certificate.number = f"SDGC-{issued.year}-{certificate.pk:06d}"
    certificate.save(update_fields=["number"])
    log(
        instance=certificate,
        action="certification.certificate_issued",
        user=user,
        data={"application": application.pk, "expires_on": certificate.expires_on.isoformat()},
    )
    signals.certificate_changed.send(Certificate, certificate=certificate, change=signals.ISSUED)
    return certificate


@transaction.atomic
def revoke(certificate, user, reason):
    if certificate.revoked_at is not None:
        raise TransitionError(_("This certificate is revoked already."))
    certificate.revoked_at = timezone.now()
    certificate.revoked_by = user
    certificate.revocation_reason = reason
    certificate.save()
    log(
        instance=certificate,
        action="certification.certificate_revoked",
        user=user,
        data={"from": "active", "to": "revoked", "reason": reason},
    )
    signals.certificate_changed.send(Certificate, certificate=certificate, change=signals.REVOKED)
    emails.notify(
        list(emails.city_members(certificate.application)) + list(emails.secretariat()),
        gettext_lazy("A certificate was revoked"),
        "revoked",
        certificate.application,
        certificate=certificate,
    )


def expiry_reminders(today=None, days=60):
    """E-mail cities whose certificate expires within `days`, once per certificate."""
    today = today or timezone.localdate()
    due = Certificate.objects.current(today).filter(
        expires_on__lte=today + datetime.timedelta(days=days), expiry_reminded_at__isnull=True
    )
    count = 0
    for certificate in due.select_related("application"):
        with transaction.atomic():
            certificate.expiry_reminded_at = timezone.now()
            certificate.save(update_fields=["expiry_reminded_at"])
            log(instance=certificate, action="certification.expiry_reminder", user=None)
            emails.notify(
                emails.city_members(certificate.application),
                gettext_lazy("Your SDG Cities certificate expires soon"),
                "expiry",
                certificate.application,
                certificate=certificate,
            )
        count += 1
    return count


def record_expiries(today=None):
    """Certificates whose expiry date has passed, neither revoked nor recorded yet: each is
    recorded once (logged, and announced through certificate_changed)."""
    today = today or timezone.localdate()
    due = Certificate.objects.filter(
        revoked_at__isnull=True, expires_on__lt=today, expired_recorded_at__isnull=True
    )
    count = 0
    for certificate in due.select_related("body"):
        with transaction.atomic():
            certificate.expired_recorded_at = timezone.now()
            certificate.save(update_fields=["expired_recorded_at"])
            log(
                instance=certificate,
                action="certification.certificate_expired",
                user=None,
                data={"from": "active", "to": "expired"},
            )
            signals.certificate_changed.send(
                Certificate, certificate=certificate, change=signals.EXPIRED
            )
        count += 1
    return count
