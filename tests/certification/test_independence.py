"""Independence: the conflict-of-interest register keeps people linked to the applying city or
its country away from the application (offered, assigned, review, evidence, decision), the
self-declaration is logged as it was, and the secretariat takes reviewers off with a reason."""

import datetime

from django.core import mail
from django.urls import reverse
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from certification import committee, workflow
from certification.models import CertifyingBody, ConflictOfInterest, ReviewAssignment
from tests.knowledge.members import make_member, member_client

from .conftest import fill_in, make_reviewer, review_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def busan(make_city):
    return make_city("Busan", "KR")


@pytest.fixture
def application(busan):
    member = make_member(busan, "focal@busan.example.org")
    application = workflow.start(busan.translation_key, member, "en")
    fill_in(application, member)
    workflow.submit(application, member)
    application.refresh_from_db()
    return application


@pytest.fixture
def team(db):
    return {
        "from_city": make_reviewer("from-city", ["en"]),
        "from_country": make_reviewer("from-country", ["en"]),
        "formerly": make_reviewer("formerly", ["en"]),
        "independent": make_reviewer("independent", ["en"]),
    }


@pytest.fixture
def register(busan, team):
    today = timezone.localdate()
    ConflictOfInterest.objects.create(person=team["from_city"], city=busan)
    ConflictOfInterest.objects.create(
        person=team["from_country"], country="KR", organisation="Ministry of the Interior"
    )
    # A link that ended last year no longer bars.
    ConflictOfInterest.objects.create(
        person=team["formerly"],
        city=busan,
        starts_on=today - datetime.timedelta(days=900),
        ends_on=today - datetime.timedelta(days=365),
    )


def _choices(response, form_name="reviewer"):
    html = response.content.decode()
    start = html.index(f'name="{form_name}"')
    return html[start : html.index("</select>", start)]


def test_registered_reviewers_are_neither_offered_nor_assigned(
    application, team, register, secretariat
):
    secretary = member_client(secretariat)
    page = secretary.get(f"/en/certification/applications/{application.pk}/")
    offered = _choices(page)
    assert f'value="{team["independent"].technical_reviewer.pk}"' in offered
    assert f'value="{team["formerly"].technical_reviewer.pk}"' in offered
    assert f'value="{team["from_city"].technical_reviewer.pk}"' not in offered
    assert f'value="{team["from_country"].technical_reviewer.pk}"' not in offered

    for barred in ("from_city", "from_country"):
        response = secretary.post(
            f"/en/certification/applications/{application.pk}/assign/",
            {"reviewer": team[barred].technical_reviewer.pk},
        )
        assert response.status_code == 400
        with pytest.raises(workflow.TransitionError):
            workflow.assign(application, team[barred].technical_reviewer, secretariat)
    assert not ReviewAssignment.objects.exists()

    response = secretary.post(
        f"/en/certification/applications/{application.pk}/assign/",
        {"reviewer": team["independent"].technical_reviewer.pk},
    )
    assert response.status_code == 302
    assert ReviewAssignment.objects.get().reviewer == team["independent"]


def test_a_registered_reviewer_already_assigned_can_neither_review_nor_see_evidence(
    application, team, secretariat, busan
):
    reviewer = team["from_city"]
    workflow.assign(application, reviewer.technical_reviewer, secretariat)
    workflow.declare(application.assignments.get(), False, "", reviewer)
    client = member_client(reviewer)
    base = f"/en/certification/applications/{application.pk}/"
    assert client.get(base).status_code == 200

    # The secretariat registers the link afterwards: the application closes to the reviewer.
    ConflictOfInterest.objects.create(person=reviewer, city=busan)
    evidence = application.answers.filter(evidence__file__gt="").first().evidence.first()
    assert client.get(base).status_code == 404
    assert client.get(f"{base}assess/").status_code == 404
    assert client.get(f"{base}evidence/{evidence.pk}/").status_code == 404
    assert client.post(f"{base}complete/").status_code == 404
    # The secretariat is told to take them off.
    page = member_client(secretariat).get(base).content.decode()
    assert "registered conflict of interest with this city or country" in page


def test_the_declaration_is_logged_as_it_was(application, team, secretariat):
    workflow.assign(application, team["independent"].technical_reviewer, secretariat)
    workflow.assign(application, team["formerly"].technical_reviewer, secretariat)
    member_client(team["independent"]).post(
        f"/en/certification/applications/{application.pk}/declare/", {"has_conflict": "no"}
    )
    member_client(team["formerly"]).post(
        f"/en/certification/applications/{application.pk}/declare/",
        {"has_conflict": "yes", "details": "I advised the mayor in 2022."},
    )
    messages = [
        entry.message
        for entry in ModelLogEntry.objects.for_instance(application)
        .filter(action="certification.declare")
        .order_by("timestamp", "pk")
    ]
    assert messages == ["No conflict of interest declared", "Conflict of interest declared"]
    history = member_client(secretariat).get(f"/en/certification/applications/{application.pk}/")
    text = history.content.decode()
    assert "No conflict of interest declared" in text
    assert "Conflict of interest declared" in text


def test_the_secretariat_unassigns_with_a_logged_reason_and_reassigns(
    application, team, secretariat, reviewer
):
    first = team["independent"]
    workflow.assign(application, first.technical_reviewer, secretariat)
    assignment = application.assignments.get()
    url = f"/en/certification/applications/{application.pk}/assignments/{assignment.pk}/unassign/"
    secretary = member_client(secretariat)

    # Nobody else may, and a reason is required.
    assert member_client(first).post(url, {f"unassign{assignment.pk}-reason": "x"}).status_code == (
        404
    )
    refused = secretary.post(url, {f"unassign{assignment.pk}-reason": "  "})
    assert refused.status_code == 400
    assert "Give the reason." in refused.content.decode()

    mail.outbox.clear()
    response = secretary.post(url, {f"unassign{assignment.pk}-reason": "Workload: on leave."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert not application.assignments.exists()
    assert application.status == "submitted"
    entry = ModelLogEntry.objects.for_instance(application).get(
        action="certification.reviewer_unassigned"
    )
    assert entry.data["reason"] == "Workload: on leave."
    assert entry.data["reviewer"] == first.get_username()
    assert entry.user == secretariat
    assert [message.to for message in mail.outbox] == [[first.email]]
    assert "Workload: on leave." in mail.outbox[0].body
    page = secretary.get(f"/en/certification/applications/{application.pk}/").content.decode()
    assert "Workload: on leave." in page
    # The unassigned reviewer no longer opens the application.
    gone = member_client(first).get(f"/en/certification/applications/{application.pk}/")
    assert gone.status_code == 404

    # Reassigning: the same person may come back, or another.
    workflow.assign(application, reviewer.technical_reviewer, secretariat)
    application.refresh_from_db()
    assert application.status == "in_review"


def test_a_registered_committee_member_cannot_decide(
    application, team, secretariat, committee_member, busan
):
    workflow.assign(application, team["independent"].technical_reviewer, secretariat)
    workflow.declare(application.assignments.get(), False, "", team["independent"])
    application = review_all(application, team["independent"])
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    body.quorum = 1
    body.save()
    meeting = committee.create_meeting(
        body, timezone.localdate(), [committee_member], 0, [application], secretariat
    )
    committee.draw(meeting, secretariat)
    ConflictOfInterest.objects.create(person=committee_member, country="KR")
    item = meeting.items.get()

    page = member_client(committee_member).get(f"/en/certification/meetings/{meeting.pk}/")
    assert f'action="/en/certification/meetings/{meeting.pk}/items/{item.pk}/vote/"' not in (
        page.content.decode()
    )
    with pytest.raises(workflow.TransitionError):
        committee.vote(item, committee_member, "certify")
    item.votes.create(member=committee_member, choice="certify")
    with pytest.raises(workflow.TransitionError):
        committee.decide(item, "Meets every criterion.", committee_member)


def test_the_secretariat_keeps_the_register_in_the_admin(secretariat, busan, team):
    client = member_client(secretariat)
    index = reverse("conflictofinterest:index")
    assert client.get(index).status_code == 200
    response = client.post(
        reverse("conflictofinterest:add"),
        {"person": team["independent"].pk, "organisation": "", "notes": "Nothing"},
    )
    assert response.status_code == 200  # refused: names no city, country or organisation
    assert "Name a city, a country or an organisation." in response.content.decode()
    response = client.post(
        reverse("conflictofinterest:add"),
        {"person": team["independent"].pk, "city": busan.pk, "notes": "Former adviser"},
    )
    assert response.status_code == 302
    assert ConflictOfInterest.objects.get(notes="Former adviser").city == busan
