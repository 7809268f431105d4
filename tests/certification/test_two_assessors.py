"""Two assessors per application: independent scores, then a consensus with reasons, audited;
the committee gets the application only after the consensus."""

import pytest

from certification import scoring, workflow
from certification.models import ReviewAssignment
from tests.knowledge.members import member_client

from .conftest import make_reviewer, second_assessor

pytestmark = pytest.mark.django_db


def url(name, application):
    return f"/en/certification/applications/{application.pk}/{name}"


@pytest.fixture
def pair(in_review, reviewer):
    return reviewer, second_assessor(in_review, "assessor-ar")


def test_the_second_assessor_of_another_language_team_is_offered_first(
    in_review, reviewer, secretariat
):
    # The first assessor's team is English ("en", "fr"): an Arabic-team reviewer comes first,
    # whatever the alphabet says.
    same = make_reviewer("aaron", ["en"])
    other = make_reviewer("zeynep", ["ar", "en"])
    page = member_client(secretariat).get(url("", in_review)).content.decode()
    select = page.split('name="reviewer"')[1].split("</select>")[0]
    assert select.index(str(other.technical_reviewer)) < select.index(str(same.technical_reviewer))
    assert str(reviewer.technical_reviewer) not in select


def test_no_third_assessor(in_review, pair, secretariat):
    third = make_reviewer("third", ["en"])
    with pytest.raises(workflow.TransitionError, match="two assessors already"):
        workflow.assign(in_review, third.technical_reviewer, secretariat)
    response = member_client(secretariat).post(
        url("assign/", in_review), {"reviewer": third.technical_reviewer.pk}, follow=True
    )
    assert "This application has two assessors already" in response.content.decode()
    assert not ReviewAssignment.objects.filter(reviewer=third).exists()


def test_an_assessor_never_sees_the_other_scores_before_submitting(in_review, pair):
    first, second = pair
    first_assignment = in_review.assignments.get(reviewer=first)
    scoring.save_scores(first_assignment, {"Q1": ("not_met", "Nothing on the districts.")}, first)
    second_client = member_client(second)
    assess = second_client.get(url("assess/", in_review)).content.decode()
    assert "Nothing on the districts." not in assess
    assert second_client.get(url("consensus/", in_review)).status_code == 404
    assert "Nothing on the districts." not in second_client.get(url("", in_review)).content.decode()
    # The first submits: the second still cannot compare until they submit too.
    codes = in_review.criteria_version.codes
    scoring.save_scores(first_assignment, {c: ("met", "") for c in codes[1:]}, first)
    scoring.submit_scores(first_assignment, first)
    assert second_client.get(url("consensus/", in_review)).status_code == 404
    # Submitted scores are final.
    with pytest.raises(scoring.ScoringError):
        scoring.save_scores(first_assignment, {"Q1": ("met", "")}, first)
    second_assignment = in_review.assignments.get(reviewer=second)
    scoring.save_scores(second_assignment, {c: ("met", "") for c in codes}, second)
    scoring.submit_scores(second_assignment, second)
    page = second_client.get(url("consensus/", in_review)).content.decode()
    assert "Nothing on the districts." in page


def test_consensus_needs_both_and_a_reason_where_they_differ_and_is_audited(in_review, pair):
    from wagtail.models import ModelLogEntry

    first, second = pair
    codes = in_review.criteria_version.codes
    agreed = {code: ("met", "", "") for code in codes}
    with pytest.raises(scoring.ScoringError, match="both assessors"):
        scoring.record_consensus(in_review, agreed, first)
    for user, q1 in ((first, "met"), (second, "partly")):
        assignment = in_review.assignments.get(reviewer=user)
        scores = {code: ("met", "") for code in codes} | {"Q1": (q1, "")}
        scoring.save_scores(assignment, scores, user)
        scoring.submit_scores(assignment, user)
    with pytest.raises(scoring.ScoringError, match="reason for the difference.*Q1"):
        scoring.record_consensus(in_review, agreed, first)
    # The committee does not get it before the consensus.
    with pytest.raises(workflow.TransitionError, match="Not yet agreed: Q1, Q2, Q3"):
        workflow.complete_review(in_review, first, "certify", "Fine.")
    agreed["Q1"] = ("met", "", "The plan covers every district.")
    scoring.record_consensus(in_review, agreed, first)
    agreed["Q2"] = ("partly", "", "")
    scoring.record_consensus(in_review, agreed, second)
    assert in_review.assessments.get(criterion_code="Q1").difference_reason == (
        "The plan covers every district."
    )
    entries = ModelLogEntry.objects.for_instance(in_review)
    consensus = entries.filter(action="certification.consensus_changed").order_by("pk")
    assert [(e.data["criterion"], e.data["result"], e.user) for e in consensus] == [
        ("Q1", {"from": None, "to": "met"}, first),
        ("Q2", {"from": None, "to": "met"}, first),
        ("Q3", {"from": None, "to": "met"}, first),
        ("Q2", {"from": "met", "to": "partly"}, second),
    ]
    scores = entries.filter(action="certification.assessment_changed")
    assert scores.count() == 6
    assert {e.data["assessor"] for e in scores} == {first.username, second.username}
    assert entries.filter(action="certification.scores_submitted").count() == 2
    workflow.complete_review(in_review, first, "certify", "Fine.")
    in_review.refresh_from_db()
    assert in_review.status == "reviewed"
    # The history names each change.
    history = member_client(first).get(url("", in_review)).content.decode()
    assert "Agreed score recorded (Q2)" in history
    assert "Assessor&#x27;s scores submitted" in history
