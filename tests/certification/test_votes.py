"""The committee decides by its members' votes: quorum, the meeting's date, the stages a body
may certify, deferral back to the agenda, and minutes that list the votes."""

import datetime

from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from certification import committee, setup, workflow
from certification.models import (
    Application,
    CertifyingBody,
    ConflictOfInterest,
    outcome_of_votes,
)
from tests.knowledge.members import make_member, member_client

from .conftest import fill_in, make_reviewer, make_user, review_all, score_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def reviewed(make_city, secretariat):
    """A reviewed qualification application of Busan (Korea: the global committee's)."""
    city = make_city("Busan", "KR")
    member = make_member(city, "focal@busan.example.org")
    application = workflow.start(city.translation_key, member, "en")
    fill_in(application, member)
    workflow.submit(application, member)
    reviewer = make_reviewer("assessor", ["en"])
    workflow.assign(application, reviewer.technical_reviewer, secretariat)
    workflow.declare(application.assignments.get(), False, "", reviewer)
    return review_all(application, reviewer)


@pytest.fixture
def body(db):
    return CertifyingBody.objects.get(code="global-committee", locale__language_code="en")


@pytest.fixture
def members(db):
    return [make_user(f"member{n}", setup.COMMITTEE) for n in range(1, 5)]


def _sitting(body, members, applications, secretariat, day=None, share=0):
    meeting = committee.create_meeting(
        body, day or timezone.localdate(), members, share, applications, secretariat
    )
    committee.draw(meeting, secretariat)
    return meeting


def test_the_rule_of_the_votes():
    assert outcome_of_votes(["certify", "certify", "defer"]) == "certify"
    assert outcome_of_votes(["not_eligible", "abstain", "abstain"]) == "not_eligible"
    assert outcome_of_votes(["certify", "not_eligible", "abstain"]) == "defer"  # a tie
    assert outcome_of_votes(["abstain", "abstain", "abstain"]) == "defer"


def test_votes_quorum_decision_and_minutes(reviewed, body, members, secretariat):
    meeting = _sitting(body, members[:3], [reviewed], secretariat)
    item = meeting.items.get()
    url = f"/en/certification/meetings/{meeting.pk}/items/{item.pk}/"
    clients = [member_client(member) for member in members[:3]]

    # Two votes of a quorum of three: no decision.
    for client, choice in zip(clients[:2], ["certify", "certify"], strict=True):
        response = client.post(f"{url}vote/", {f"vote{item.pk}-choice": choice})
        assert response.status_code == 302
    refused = member_client(secretariat).post(url, {f"item{item.pk}-rationale": "Meets all."})
    assert refused.status_code == 400
    assert "The quorum is not reached: 2 of 3 votes." in refused.content.decode()
    with pytest.raises(workflow.TransitionError):
        committee.decide(item, "Meets all.", secretariat)
    item.refresh_from_db()
    assert item.outcome == ""

    # Someone who does not sit cannot vote; a member may change their vote.
    outsider = member_client(members[3])
    assert outsider.post(f"{url}vote/", {f"vote{item.pk}-choice": "certify"}).status_code == 404
    clients[1].post(f"{url}vote/", {f"vote{item.pk}-choice": "abstain"})
    clients[2].post(
        f"{url}vote/", {f"vote{item.pk}-choice": "certify", f"vote{item.pk}-comment": "Solid."}
    )
    assert item.votes.count() == 3

    # The quorum is there: the votes decide (certify 2, abstain 1), the chair writes why.
    response = member_client(secretariat).post(url, {f"item{item.pk}-rationale": "Meets all."})
    assert response.status_code == 302
    item.refresh_from_db()
    reviewed.refresh_from_db()
    assert item.outcome == "certify" and reviewed.status == "certified"
    assert reviewed.certificate.body == body

    minutes = member_client(members[0]).get(f"/en/certification/meetings/{meeting.pk}/report/")
    text = minutes.content.decode()
    for member in members[:3]:
        assert f"{member.get_full_name()}: " in text
    assert "Abstain" in text and "Solid." in text and "Meets all." in text
    votes = ModelLogEntry.objects.for_instance(reviewed).filter(action="certification.vote")
    assert votes.count() == 4  # three votes and one change
    assert "Vote cast: Abstain" in {entry.message for entry in votes}


def test_no_vote_nor_decision_before_the_meetings_date(reviewed, body, members, secretariat):
    later = timezone.localdate() + datetime.timedelta(days=90)
    meeting = _sitting(body, members[:3], [reviewed], secretariat, day=later)
    item = meeting.items.get()
    for member in members[:3]:
        with pytest.raises(workflow.TransitionError):
            committee.vote(item, member, "certify")
    response = member_client(members[0]).post(
        f"/en/certification/meetings/{meeting.pk}/items/{item.pk}/vote/",
        {f"vote{item.pk}-choice": "certify"},
    )
    assert response.status_code == 400
    assert "on or after the meeting&#x27;s date" in response.content.decode()
    # Even with the votes in the database, the decision waits for the date.
    for member in members[:3]:
        item.votes.create(member=member, choice="certify")
    with pytest.raises(workflow.TransitionError, match="on or after the meeting's date"):
        committee.decide(item, "Too early.", secretariat)
    item.refresh_from_db()
    assert item.outcome == ""
    reviewed.refresh_from_db()
    assert reviewed.status == "reviewed"


def test_deferred_goes_back_to_the_agenda(reviewed, body, members, secretariat):
    meeting = _sitting(body, members[:3], [reviewed], secretariat)
    item = meeting.items.get()
    for member, choice in zip(members[:3], ["certify", "not_eligible", "defer"], strict=True):
        committee.vote(item, member, choice)
    committee.decide(item, "Split: more evidence on the budget.", secretariat)
    reviewed.refresh_from_db()
    assert reviewed.status == Application.Status.DEFERRED
    assert list(committee.awaiting_decision()) == [reviewed]
    # The city cannot start another application meanwhile.
    assert workflow.open_application(reviewed.city_key) == reviewed

    later = _sitting(body, members[:3], [reviewed], secretariat)
    again = later.items.get()
    for member in members[:3]:
        committee.vote(again, member, "certify")
    committee.decide(again, "Budget evidence provided.", secretariat)
    reviewed.refresh_from_db()
    assert reviewed.status == "certified"


def test_a_meeting_needs_the_quorum_and_the_bodys_members(reviewed, body, members, secretariat):
    with pytest.raises(workflow.TransitionError, match="at least 3 members"):
        committee.create_meeting(
            body, timezone.localdate(), members[:2], 0, [reviewed], secretariat
        )
    body.members.set(members[:3])
    with pytest.raises(workflow.TransitionError, match="members of this certifying body"):
        committee.create_meeting(
            body, timezone.localdate(), members[1:], 0, [reviewed], secretariat
        )
    response = member_client(secretariat).post(
        "/en/certification/meetings/new/",
        {
            "body": body.pk,
            "date": timezone.localdate().isoformat(),
            "members": [m.pk for m in members[1:]],
            "spot_check_share": "0",
            "applications": [reviewed.pk],
        },
    )
    assert response.status_code == 400
    assert "Choose members of this certifying body." in response.content.decode()


def test_a_body_certifies_only_its_stages(make_city, secretariat, members):
    national = CertifyingBody.objects.get(code="national-mechanism-in", locale__language_code="en")
    assert national.quorum == 3
    assert national.certified_stages == {"qualification", "processes", "enabling-environment"}
    assert not national.may_certify("impact")
    # The seeded bodies: the global committee and national mechanisms, in six languages.
    assert CertifyingBody.objects.filter(kind="national").values("code").distinct().count() >= 2
    assert CertifyingBody.objects.filter(code="national-mechanism-za").count() == 6
    # A city of India applies to its national mechanism.
    pune = make_city("Pune", "IN")
    member = make_member(pune, "focal@pune.example.org")
    application = workflow.start(pune.translation_key, member, "en")
    assert application.certifying_body == national
    application.stage_code = "impact"
    with pytest.raises(workflow.TransitionError, match="may not certify"):
        committee.create_meeting(
            national, timezone.localdate(), members[:3], 0, [application], secretariat
        )


def test_a_registered_member_neither_votes_nor_decides(reviewed, body, members, secretariat):
    meeting = _sitting(body, members[:3], [reviewed], secretariat)
    item = meeting.items.get()
    ConflictOfInterest.objects.create(person=members[0], country="KR")
    with pytest.raises(workflow.TransitionError, match="conflict of interest"):
        committee.vote(item, members[0], "certify")
    page = member_client(members[0]).get(f"/en/certification/meetings/{meeting.pk}/")
    assert f"vote{item.pk}-choice" not in page.content.decode()
    assert "You are registered with a conflict of interest" in page.content.decode()


def test_the_committee_sees_the_reviewers_recommendation(reviewed, body, members, secretariat):
    # The second assessor (tests/certification/conftest.second_assessor) did not complete it.
    assignment = reviewed.assignments.exclude(recommendation="").get()
    assert assignment.recommendation == "certify"
    meeting = _sitting(body, members[:3], [reviewed], secretariat)
    page = member_client(members[0]).get(f"/en/certification/meetings/{meeting.pk}/")
    text = page.content.decode()
    assert "Overall recommendation" in text and "Meets every criterion." in text


def test_a_review_is_not_completed_without_a_recommendation(make_city, secretariat):
    city = make_city("Daegu", "KR")
    member = make_member(city, "focal@daegu.example.org")
    application = workflow.start(city.translation_key, member, "en")
    fill_in(application, member)
    workflow.submit(application, member)
    reviewer = make_reviewer("assessor2", ["en"])
    workflow.assign(application, reviewer.technical_reviewer, secretariat)
    workflow.declare(application.assignments.get(), False, "", reviewer)
    score_all(application)
    for recommendation, rationale in (("", "Why"), ("certify", " "), ("maybe", "Why")):
        with pytest.raises(workflow.TransitionError):
            workflow.complete_review(application, reviewer, recommendation, rationale)
    application.refresh_from_db()
    assert application.status == "in_review"


def test_the_register_entry_shows_the_rationale_and_the_report_summary(
    reviewed, body, members, secretariat, client
):
    meeting = _sitting(body, members[:3], [reviewed], secretariat)
    item = meeting.items.get()
    for member in members[:3]:
        committee.vote(item, member, "certify")
    committee.decide(item, "A model of inclusive planning.", secretariat)
    reviewed.refresh_from_db()
    page = client.get(f"/en/certification/verify/{reviewed.certificate.number}/")
    text = page.content.decode()
    assert "A model of inclusive planning." in text
    assert "Stage report: Met 3 · Partly met 0 · Not met 0" in text
