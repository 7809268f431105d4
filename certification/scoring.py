"""Two assessors per application: each scores every criterion on their own, then they record
the agreed score of each criterion (the application's Assessment) with the reason wherever
their scores differed. The review can be completed only once every criterion is agreed.

An assessor's scores are theirs alone until they submit them; only then, and only once the
other assessor has submitted too, does either see the other's (consensus_rows)."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from . import audit, permissions
from .models import Application, Assessment, AssessorScore, ReviewAssignment

Status = Application.Status
ASSESSORS = 2


class ScoringError(Exception):
    """The scores cannot be recorded now; the message says why."""


def assessors(application):
    """The application's acting assessors: assigned for this review (not before an appeal)
    and not withdrawn for a conflict, in the order they were assigned."""
    return list(
        ReviewAssignment.objects.filter(application=application, superseded=False)
        .exclude(has_conflict=True)
        .select_related("reviewer")
        .order_by("assigned_at", "pk")
    )


def language_team(reviewer):
    """A reviewer's UN language team: the first language they review in."""
    return reviewer.languages[0] if reviewer.languages else ""


def _log(application, action, user, **data):
    from wagtail.log_actions import log

    log(instance=application, action=action, user=user, data=data)


@transaction.atomic
def save_scores(assignment, results, user):
    """The assessor's own scores: `results` is {criterion code: (result, comment)}; an empty
    result leaves the criterion. Refused once the assessor has submitted their scores."""
    application = assignment.application
    if application.status != Status.IN_REVIEW:
        raise ScoringError(_("Assessments are recorded while the application is in review."))
    if assignment.scores_submitted_at is not None:
        raise ScoringError(_("You have submitted your scores; they can no longer change."))
    codes = set(application.criteria_version.codes)
    existing = {s.criterion_code: (s.result, s.comment) for s in assignment.scores.all()}
    for code, (result, comment) in results.items():
        if code not in codes or not result or existing.get(code) == (result, comment):
            continue
        AssessorScore.objects.update_or_create(
            assignment=assignment,
            criterion_code=code,
            defaults={"result": result, "comment": comment},
        )
        audit.assessment_changed(application, code, existing.get(code), (result, comment), user)


def unscored(assignment):
    scored = set(assignment.scores.values_list("criterion_code", flat=True))
    return [code for code in assignment.application.criteria_version.codes if code not in scored]


@transaction.atomic
def submit_scores(assignment, user):
    """The assessor's scores become final, once every criterion is scored."""
    if assignment.scores_submitted_at is not None:
        raise ScoringError(_("You have submitted your scores already."))
    missing = unscored(assignment)
    if missing:
        raise ScoringError(
            _("Score every criterion first. Not yet scored: %(codes)s")
            % {"codes": ", ".join(missing)}
        )
    assignment.scores_submitted_at = timezone.now()
    assignment.save(update_fields=["scores_submitted_at"])
    _log(
        assignment.application,
        "certification.scores_submitted",
        user,
        reviewer=assignment.reviewer.get_username(),
    )


def ready_for_consensus(application):
    """Two acting assessors, both with their scores submitted."""
    pair = assessors(application)
    return len(pair) == ASSESSORS and all(a.scores_submitted_at for a in pair)


def consensus_rows(application, language):
    """For each criterion: both assessors' scores and the agreed score, if any. Only for
    those allowed to compare (see may_compare)."""
    pair = assessors(application)
    scores = {}
    for score in AssessorScore.objects.filter(assignment__in=pair):
        scores[(score.assignment_id, score.criterion_code)] = score
    agreed = {a.criterion_code: a for a in application.assessments.all()}
    rows = []
    for criterion in application.criteria_version.criteria_in(language):
        code = criterion["code"]
        own = [scores.get((assignment.pk, code)) for assignment in pair]
        results = {score.result for score in own if score is not None}
        rows.append(
            {
                "criterion": criterion,
                "scores": list(zip(pair, own, strict=True)),
                "differ": len(results) > 1,
                "agreed": agreed.get(code),
            }
        )
    return rows


def may_compare(user, application):
    """The secretariat and the committee at any time; an assessor once both have submitted."""
    if permissions.sees_all(user):
        return True
    mine = permissions.assignment_of(user, application)
    return mine is not None and mine.cleared and ready_for_consensus(application)


@transaction.atomic
def record_consensus(application, agreed, user):
    """`agreed`: {criterion code: (result, comment, reason)}. The reason is required where the
    two assessors' scores differ. Every change of an agreed score is audited."""
    if application.status != Status.IN_REVIEW:
        raise ScoringError(_("Assessments are recorded while the application is in review."))
    if not ready_for_consensus(application):
        raise ScoringError(
            _("The consensus is recorded once both assessors have submitted their scores.")
        )
    rows = {row["criterion"]["code"]: row for row in consensus_rows(application, "en")}
    missing_reason = [
        code
        for code, (result, _comment, reason) in agreed.items()
        if code in rows and result and rows[code]["differ"] and not reason.strip()
    ]
    if missing_reason:
        raise ScoringError(
            _("Give the reason for the difference between the assessors' scores: %(codes)s")
            % {"codes": ", ".join(sorted(missing_reason))}
        )
    for code, (result, comment, reason) in agreed.items():
        if code not in rows or not result:
            continue
        current = rows[code]["agreed"]
        before = (current.result, current.comment, current.difference_reason) if current else None
        if before == (result, comment, reason):
            continue
        Assessment.objects.update_or_create(
            application=application,
            criterion_code=code,
            defaults={
                "result": result,
                "comment": comment,
                "difference_reason": reason,
                "reviewer": user,
            },
        )
        audit.consensus_changed(application, code, before, (result, comment, reason), user)


def review_errors(application):
    """What keeps the review from being completed: a message, or None."""
    if not ready_for_consensus(application):
        return _("Both assessors must submit their scores first.")
    agreed = set(application.assessments.values_list("criterion_code", flat=True))
    missing = [code for code in application.criteria_version.codes if code not in agreed]
    if missing:
        return _("Record the agreed score of every criterion first. Not yet agreed: %(codes)s") % {
            "codes": ", ".join(missing)
        }
    return None
