"""The audit trail of an application beyond its transitions: answers edited, evidence added,
deleted and downloaded, assessments changed. Each is a Wagtail log entry on the application
(who, when, what), shown in its history and exported for the secretariat.

Transitions, assignments, declarations, votes and decisions are logged where they happen
(certification.workflow, certification.committee); everything goes to the same log.
"""

from wagtail.log_actions import log


def _log(application, action, user, **data):
    log(instance=application, action=action, user=user, data=data)


def answer_edited(application, answer, user, before, source="form"):
    narrative, rating = before
    fields = []
    if answer.narrative != narrative:
        fields.append("narrative")
    if answer.self_rating != rating:
        fields.append("self_rating")
    _log(
        application,
        "certification.answer_edited",
        user,
        criterion=answer.criterion_code,
        fields=fields,
        self_rating={"from": rating, "to": answer.self_rating},
        source=source,
    )


def _evidence(evidence):
    return {
        "criterion": evidence.answer.criterion_code,
        "evidence": evidence.pk,
        "name": evidence.original_name or evidence.data_source,
    }


def evidence_added(application, evidence, user, source="form"):
    _log(application, "certification.evidence_added", user, source=source, **_evidence(evidence))


def evidence_deleted(application, evidence, user):
    _log(application, "certification.evidence_deleted", user, **_evidence(evidence))


def evidence_downloaded(application, evidence, user):
    _log(application, "certification.evidence_downloaded", user, **_evidence(evidence))


def assessment_changed(application, code, before, after, user):
    """One assessor's own score. `before` and `after`: (result, comment); `before` is None
    for a first score."""
    _log(
        application,
        "certification.assessment_changed",
        user,
        criterion=code,
        assessor=user.get_username() if user else None,
        result={"from": before[0] if before else None, "to": after[0]},
        comment_changed=bool(before) and before[1] != after[1],
    )


def consensus_changed(application, code, before, after, user):
    """The agreed score of a criterion. `before` and `after`: (result, comment, reason);
    `before` is None when first agreed."""
    _log(
        application,
        "certification.consensus_changed",
        user,
        criterion=code,
        result={"from": before[0] if before else None, "to": after[0]},
        reason=after[2],
        comment_changed=bool(before) and before[1] != after[1],
    )
