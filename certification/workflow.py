"""The life of an application: draft → submitted → in review ⇄ clarification requested →
reviewed. (The assessors' scores and consensus are in certification.scoring, clarification
rounds in certification.clarification.) Each transition is checked against the current state
(under a row lock), written to Wagtail's audit log with who, when, from and to, and e-mailed
to the people concerned."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from wagtail.log_actions import log
from wagtail.models import Locale

from knowledge.models import CityPage

from . import audit, emails, independence, scoring
from .models import (
    Answer,
    Application,
    Certificate,
    CertificationStage,
    CertifyingBody,
    Evidence,
    EvidenceKind,
    Recommendation,
    ReviewAssignment,
    current_criteria_version,
)
from .scoring import ASSESSORS, assessors

Status = Application.Status


class TransitionError(Exception):
    """The application is not in a state that allows the action; the message says why."""


# Applications not yet decided by a committee: a city has at most one at a time.
OPEN_STATUSES = [
    Status.DRAFT,
    Status.SUBMITTED,
    Status.IN_REVIEW,
    Status.CLARIFICATION,
    Status.REVIEWED,
    Status.DEFERRED,
    Status.APPEAL,
]


def _transition(application, allowed, to, user, action, **data):
    locked = Application.objects.select_for_update().get(pk=application.pk)
    if locked.status not in allowed:
        raise TransitionError(
            _("This cannot be done while the application is “%(status)s”.")
            % {"status": locked.get_status_display()}
        )
    previous = locked.status
    application.status = to
    application.save()
    log(
        instance=application,
        action=action,
        user=user,
        data={"from": previous, "to": to, **data},
    )


def _record(application, action, user, **data):
    log(instance=application, action=action, user=user, data={"status": application.status, **data})


# Starting


def stages():
    """The stages in order, in the default language."""
    return list(CertificationStage.objects.filter(locale=Locale.get_default()).order_by("order"))


def held_stage_codes(city_key):
    """The stages for which the city holds a current (neither expired nor revoked) certificate."""

    return set(
        Certificate.objects.current().filter(city_key=city_key).values_list("stage_code", flat=True)
    )


def open_application(city_key):
    return Application.objects.filter(city_key=city_key, status__in=OPEN_STATUSES).first()


def next_stage(city_key):
    """The first stage the city does not hold, or None when it has an open application or holds
    every stage."""
    if open_application(city_key) is not None:
        return None
    held = held_stage_codes(city_key)
    return next((stage for stage in stages() if stage.code not in held), None)


def certifying_body_for(city, stage_code=None):
    """The national mechanism of the city's country where there is one that may certify the
    stage, else the global committee."""
    default = Locale.get_default()
    national = CertifyingBody.objects.filter(
        locale=default, kind=CertifyingBody.Kind.NATIONAL, country=city.country
    )
    for body in national:
        if stage_code is None or body.may_certify(stage_code):
            return body
    return CertifyingBody.objects.filter(locale=default, kind=CertifyingBody.Kind.GLOBAL).first()


@transaction.atomic
def start(city_key, user, language):
    stage = next_stage(city_key)
    if stage is None:
        raise TransitionError(_("Your city cannot apply for another stage now."))
    city = CityPage.objects.filter(translation_key=city_key).first()
    body = certifying_body_for(city, stage.code)
    if body is None:
        raise TransitionError(_("No certifying body is set up yet."))
    version = current_criteria_version(stage)
    application = Application.objects.create(
        city_key=city_key,
        stage_code=stage.code,
        criteria_version=version,
        certifying_body=body,
        language=language,
        created_by=user,
    )
    Answer.objects.bulk_create(
        Answer(application=application, criterion_code=code) for code in version.codes
    )
    log(
        instance=application,
        action="certification.start",
        user=user,
        data={"from": None, "to": Status.DRAFT, "criteria_version": version.number},
    )
    return application


# The city's answers


def submission_errors(application):
    """{criterion code: [messages]} for everything missing before the application can go."""
    answers = {
        answer.criterion_code: answer for answer in application.answers.prefetch_related("evidence")
    }
    errors = {}
    for criterion in application.criteria_version.criteria_in(application.language):
        code = criterion["code"]
        answer = answers.get(code)
        messages = []
        if answer is None or not answer.narrative.strip():
            messages.append(_("Describe how the city meets this criterion."))
        if answer is None or not answer.self_rating:
            messages.append(_("Rate how far the city meets this criterion."))
        items = list(answer.evidence.all()) if answer else []
        if criterion["evidence_required"]:
            kind = criterion["evidence_kind"]
            if not items:
                messages.append(_("Add at least one piece of evidence."))
            elif kind == EvidenceKind.DOCUMENT and not any(item.file for item in items):
                messages.append(_("Attach the document that shows it."))
            elif kind == EvidenceKind.DATA and not any(item.data_source for item in items):
                messages.append(_("Give the source of the data."))
        if messages:
            errors[code] = messages
    return errors


@transaction.atomic
def submit(application, user):
    if application.status not in (Status.DRAFT, Status.APPEAL):
        raise TransitionError(_("Only a draft can be submitted."))
    if submission_errors(application):
        raise TransitionError(_("The application is not complete yet."))
    application.submitted_at = timezone.now()
    _transition(
        application, [Status.DRAFT, Status.APPEAL], Status.SUBMITTED, user, "certification.submit"
    )
    emails.notify(
        emails.secretariat(),
        gettext_lazy("A city submitted a certification application"),
        "submitted_secretariat",
        application,
    )
    emails.notify(
        emails.city_members(application),
        gettext_lazy("Your certification application was submitted"),
        "submitted_city",
        application,
    )


# Review


@transaction.atomic
def assign(application, reviewer, user):
    allowed = [Status.SUBMITTED, Status.IN_REVIEW, Status.CLARIFICATION]
    if application.status not in allowed:
        raise TransitionError(_("Reviewers are assigned once the application is submitted."))
    if reviewer.active is False or application.language not in reviewer.languages:
        raise TransitionError(_("This reviewer does not review in the application's language."))
    if independence.is_conflicted(reviewer.user, application):
        raise TransitionError(
            _("This reviewer is registered with a conflict of interest with this city or country.")
        )
    if application.assignments.filter(reviewer=reviewer.user).exists():
        # Also those of the review before an appeal: an appeal goes to a different pair.
        raise TransitionError(_("This reviewer is assigned already."))

    if len(assessors(application)) >= ASSESSORS:
        raise TransitionError(
            _("This application has two assessors already; take one off to assign another.")
        )
    ReviewAssignment.objects.create(
        application=application, reviewer=reviewer.user, assigned_by=user
    )
    data = {"reviewer": reviewer.user.get_username()}
    if application.status == Status.SUBMITTED:
        _transition(
            application, [Status.SUBMITTED], Status.IN_REVIEW, user, "certification.assign", **data
        )
    else:
        _record(application, "certification.assign", user, **data)
    emails.notify(
        [reviewer.user],
        gettext_lazy("A certification application to review"),
        "assigned",
        application,
    )


@transaction.atomic
def declare(assignment, has_conflict, details, user):
    if assignment.declared_at is not None:
        raise TransitionError(_("You have already made your declaration."))
    application = assignment.application
    assignment.has_conflict = has_conflict
    assignment.conflict_details = details if has_conflict else ""
    assignment.declared_at = timezone.now()
    assignment.save()
    _record(
        application,
        "certification.declare",
        user,
        conflict=has_conflict,
        reviewer=user.get_username(),
    )
    if not has_conflict:
        return
    emails.notify(
        emails.secretariat(),
        gettext_lazy("A reviewer declared a conflict of interest"),
        "conflict",
        application,
        reviewer=user,
        details=details,
    )
    _back_to_secretariat_if_nobody_reviews(application, user, "conflict of interest")


def _back_to_secretariat_if_nobody_reviews(application, user, reason):
    """An application in review whose reviewers are all gone or conflicted returns to the
    secretariat (submitted), with the reason logged."""
    remaining = application.assignments.filter(superseded=False).exclude(has_conflict=True).exists()
    if not remaining and application.status == Status.IN_REVIEW:
        _transition(
            application,
            [Status.IN_REVIEW],
            Status.SUBMITTED,
            user,
            "certification.unassign",
            reason=reason,
        )


@transaction.atomic
def unassign(assignment, user, reason):
    """The secretariat takes a reviewer off an application, with a reason that is logged; the
    application returns to the secretariat when nobody is left to review it."""
    application = assignment.application
    reviewer = assignment.reviewer
    assignment.delete()
    _record(
        application,
        "certification.reviewer_unassigned",
        user,
        reviewer=reviewer.get_username(),
        reason=reason,
    )
    _back_to_secretariat_if_nobody_reviews(application, user, reason)
    emails.notify(
        [reviewer],
        gettext_lazy("You were taken off a certification review"),
        "unassigned",
        application,
        reason=reason,
    )


@transaction.atomic
def complete_review(application, user, recommendation, rationale):
    """An assessor completes the review with an overall recommendation (certify, not yet
    eligible, defer) and its rationale, once both assessors agreed every criterion's score:
    the application then goes to the committee."""
    missing = scoring.review_errors(application)
    if missing:
        raise TransitionError(missing)
    if recommendation not in Recommendation.values or not (rationale or "").strip():
        raise TransitionError(_("Give your overall recommendation and its rationale."))
    assignment = application.assignments.filter(reviewer=user, superseded=False).first()
    if assignment is not None:
        assignment.recommendation = recommendation
        assignment.recommendation_rationale = rationale
        assignment.recommended_at = timezone.now()
        assignment.save()
    application.reviewed_at = timezone.now()
    _transition(
        application,
        [Status.IN_REVIEW],
        Status.REVIEWED,
        user,
        "certification.complete",
        recommendation=recommendation,
    )
    people = list(emails.city_members(application)) + list(emails.secretariat())
    emails.notify(
        people,
        gettext_lazy("The technical review of a certification application is complete"),
        "reviewed",
        application,
    )


@transaction.atomic
def import_workbook(application, rows, user):
    """Apply the rows of a checked workbook to a draft: filled cells replace the answer's
    narrative or rating, empty cells keep them; a data source adds a piece of evidence unless
    the answer has it already (same source, period and language). Uploading the same workbook
    twice changes nothing the second time. Returns (answers changed, evidence added)."""
    if not application.editable_by_city:
        raise TransitionError(_("The application cannot be changed now."))
    changed, added = [], 0
    for row in rows:
        answer, _created = Answer.objects.get_or_create(
            application=application, criterion_code=row.code
        )
        before = (answer.narrative, answer.self_rating)
        if row.narrative:
            answer.narrative = row.narrative
        if row.self_rating:
            answer.self_rating = row.self_rating
        if (answer.narrative, answer.self_rating) != before:
            answer.save()
            changed.append(answer.criterion_code)
            audit.answer_edited(application, answer, user, before, source="workbook")
        if row.data_source:
            item = {
                "data_source": row.data_source[:500],
                "period": row.period[:100],
                "language": row.language,
            }
            if answer.evidence.filter(file="", **item).exists():
                continue
            evidence = Evidence.objects.create(answer=answer, uploaded_by=user, **item)
            audit.evidence_added(application, evidence, user, source="workbook")
            added += 1
    _record(
        application,
        "certification.workbook",
        user,
        rows=len(rows),
        answers_changed=changed,
        evidence_added=added,
    )
    return changed, added
