"""Appeal: within the period after "not yet eligible", the city appeals once with new evidence;
a different pair of reviewers reviews it, then the committee decides again."""

import datetime

from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from certification import appeals, committee, setup, workflow
from certification.models import AgendaItem, CertifyingBody, Evidence
from tests.knowledge.members import make_member, member_client

from .conftest import fill_in, make_reviewer, make_user, pdf_upload, review_all

pytestmark = pytest.mark.django_db


def _decide(application, outcome, secretariat, members):
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    meeting = committee.create_meeting(
        body, timezone.localdate(), members, 0, [application], secretariat
    )
    committee.draw(meeting, secretariat)
    item = meeting.items.get()
    for member in members:
        committee.vote(item, member, outcome)
    committee.decide(item, f"Decided: {outcome}.", secretariat)
    application.refresh_from_db()
    item.refresh_from_db()
    return item


@pytest.fixture
def refused(make_city, secretariat):
    city = make_city("Busan", "KR")
    member = make_member(city, "focal@busan.example.org")
    application = workflow.start(city.translation_key, member, "en")
    fill_in(application, member)
    workflow.submit(application, member)
    first_pair = [make_reviewer("first-a", ["en"]), make_reviewer("first-b", ["en"])]
    for reviewer in first_pair:
        workflow.assign(application, reviewer.technical_reviewer, secretariat)
        workflow.declare(application.assignments.get(reviewer=reviewer), False, "", reviewer)
    review_all(application, first_pair[0], {"Q3": "not_met"})
    members = [make_user(f"member{n}", setup.COMMITTEE) for n in range(3)]
    _decide(application, "not_eligible", secretariat, members)
    assert application.status == "not_eligible"
    return application, member, first_pair, members


def test_one_appeal_to_a_different_pair_then_the_committee(refused, secretariat):
    application, member, first_pair, members = refused
    city = member_client(member)
    base = f"/en/certification/applications/{application.pk}/"
    page = city.get(base).content.decode()
    assert "Appeal the decision" in page

    assert city.post(f"{base}appeal/", {"grounds": " "}).status_code == 400
    response = city.post(f"{base}appeal/", {"grounds": "The council adopted the plan in May."})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "appeal"
    assert application.appeal.previous_assessments["Q3"]["result"] == "not_met"
    assert not application.assessments.exists()

    # The first reviewers step back: they no longer open it, and cannot be assigned again.
    for reviewer in first_pair:
        assert member_client(reviewer).get(base).status_code == 404
        with pytest.raises(workflow.TransitionError):
            workflow.assign(application, reviewer.technical_reviewer, secretariat)

    # New evidence, then the application is submitted again.
    response = city.post(
        f"{base}criteria/Q3/",
        {
            "narrative": "Adopted in May.",
            "self_rating": "fully",
            "file": pdf_upload("adopted.pdf"),
            "language": "en",
        },
    )
    assert response.status_code == 302
    assert Evidence.objects.filter(original_name="adopted.pdf").exists()
    assert city.post(f"{base}submit/").status_code == 302
    application.refresh_from_db()
    assert application.status == "submitted"

    # A different pair: only new reviewers are offered.
    second_pair = [make_reviewer("second-a", ["en"]), make_reviewer("second-b", ["en"])]
    offered = member_client(secretariat).get(base).content.decode()
    for reviewer in first_pair:
        assert f'value="{reviewer.technical_reviewer.pk}"' not in offered
    for reviewer in second_pair:
        assert f'value="{reviewer.technical_reviewer.pk}"' in offered
        workflow.assign(application, reviewer.technical_reviewer, secretariat)
        workflow.declare(application.assignments.get(reviewer=reviewer), False, "", reviewer)
    review_all(application, second_pair[0])
    item = _decide(application, "certify", secretariat, members)
    assert item.outcome == "certify" and application.status == "certified"
    assert AgendaItem.objects.filter(application=application).count() == 2
    actions = list(ModelLogEntry.objects.for_instance(application).values_list("action", flat=True))
    assert "certification.appeal" in actions


def test_only_once_and_only_within_the_period(refused, settings):
    application, member, _pair, _members = refused
    AgendaItem.objects.filter(application=application).update(
        decided_at=timezone.now() - datetime.timedelta(days=settings.CERTIFICATION_APPEAL_DAYS + 1)
    )
    with pytest.raises(workflow.TransitionError, match="period"):
        appeals.appeal(application, member, "Late.")
    page = member_client(member).get(f"/en/certification/applications/{application.pk}/")
    assert "Appeal the decision" not in page.content.decode()

    AgendaItem.objects.filter(application=application).update(decided_at=timezone.now())
    appeals.appeal(application, member, "In time.")
    application.status = "not_eligible"
    application.save()
    with pytest.raises(workflow.TransitionError, match="cannot be appealed"):
        appeals.appeal(application, member, "Twice.")
