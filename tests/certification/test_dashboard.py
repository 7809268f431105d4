"""The secretariat's workload dashboard: applications by state, days waiting against the
target, reviewers' loads and overdue clarifications."""

import datetime

from django.utils import timezone

import pytest

from certification import clarification, workflow
from certification.models import Application, ClarificationRound
from tests.knowledge.members import make_member, member_client

from .conftest import fill_in, make_reviewer

pytestmark = pytest.mark.django_db

URL = "/admin/certification-workload/"


@pytest.fixture
def workload(make_city, secretariat):
    reviewer = make_reviewer("busy", ["en"])
    make_reviewer("idle", ["en"])
    applications = []
    for title in ("Busan", "Daegu", "Incheon"):
        city = make_city(title, "KR")
        member = make_member(city, f"focal@{city.slug}.example.org")
        application = workflow.start(city.translation_key, member, "en")
        fill_in(application, member)
        workflow.submit(application, member)
        applications.append(application)
    for application in applications[:2]:
        workflow.assign(application, reviewer.technical_reviewer, secretariat)
    workflow.declare(applications[0].assignments.get(), False, "", reviewer)
    clarification.request(
        applications[0],
        reviewer,
        {"Q1": "Which districts?"},
        timezone.localdate() + datetime.timedelta(1),
    )
    # The clarification's deadline passed; the third application waits for 40 days.
    ClarificationRound.objects.filter(application=applications[0]).update(
        deadline=timezone.localdate() - datetime.timedelta(days=2)
    )
    Application.objects.filter(pk=applications[2].pk).update(
        updated_at=timezone.now() - datetime.timedelta(days=40)
    )
    return applications


def test_the_dashboard_shows_the_workload(workload, secretariat, django_assert_max_num_queries):
    client = member_client(secretariat)
    client.get(URL)
    with django_assert_max_num_queries(40):
        response = client.get(URL)
    assert response.status_code == 200
    html = response.content.decode()
    assert '<tr class="state-submitted"><td>Submitted</td><td>1</td></tr>' in html
    assert '<tr class="state-in_review"><td>In review</td><td>1</td></tr>' in html
    assert '<tr class="state-clarification"><td>Clarification requested</td><td>1</td></tr>' in html
    # 40 days in "submitted" against a target of 7: late.
    assert "Incheon" in html and "<td>40 <strong" in html and "late" in html
    # Loads: the busy reviewer has two open reviews, the idle one none.
    assert '<tr class="reviewer"><td>Busy</td><td>en</td><td>2</td><td>2</td></tr>' in html
    assert '<tr class="reviewer"><td>Idle</td><td>en</td><td>0</td><td>0</td></tr>' in html
    overdue = html[html.index("overdue-heading") :]
    assert "Busan" in overdue and "Daegu" not in overdue


def test_only_the_secretariat_sees_it(workload, committee_member, reviewer):
    for user in (committee_member, reviewer):
        assert member_client(user).get(URL).status_code in (302, 403)
