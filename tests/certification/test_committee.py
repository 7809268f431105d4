"""From a reviewed application to a certificate in the public register, and its revocation."""

import datetime
import math

from django.core import mail
from django.test import Client
from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from certification import committee, setup, workflow
from certification.models import (
    AgendaItem,
    Certificate,
    CertifyingBody,
    CommitteeMeeting,
    draw_spot_checks,
)
from tests.knowledge.members import member_client

from .conftest import fill_in, make_user, review_all

pytestmark = pytest.mark.django_db


@pytest.fixture
def second_reviewed(milan, milan_member, reviewer, secretariat):
    application = workflow.start(milan.translation_key, milan_member, "en")
    fill_in(application, milan_member)
    workflow.submit(application, milan_member)
    workflow.assign(application, reviewer.technical_reviewer, secretariat)
    workflow.declare(application.assignments.get(reviewer=reviewer), False, "", reviewer)
    return review_all(application, reviewer, {"Q3": "not_met"})


def test_reviewed_application_to_register_and_revocation(
    reviewed_application, second_reviewed, quito, quito_member, secretariat, committee_member
):
    application = reviewed_application
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    secretariat_client = member_client(secretariat)
    committee_client = member_client(committee_member)
    # The global committee's quorum is three: two more members sit.
    others = [make_user(f"member{n}", setup.COMMITTEE) for n in (2, 3)]
    voters = [committee_client] + [member_client(other) for other in others]

    def vote_all(item, choice):
        for voter in voters:
            response = voter.post(
                f"/en/certification/meetings/{meeting.pk}/items/{item.pk}/vote/",
                {f"vote{item.pk}-choice": choice},
            )
            assert response.status_code == 302

    # The secretariat plans a meeting with both reviewed applications on the agenda.
    response = secretariat_client.post(
        "/en/certification/meetings/new/",
        {
            "body": body.pk,
            "date": timezone.localdate().isoformat(),
            "members": [committee_member.pk, *(other.pk for other in others)],
            "spot_check_share": "0.5",
            "applications": [application.pk, second_reviewed.pk],
        },
    )
    assert response.status_code == 302
    meeting = CommitteeMeeting.objects.get(items__application=application)
    item = AgendaItem.objects.get(meeting=meeting, application=application)

    # No decision before the draw.
    response = committee_client.post(
        f"/en/certification/meetings/{meeting.pk}/items/{item.pk}/",
        {f"item{item.pk}-rationale": "All criteria met."},
    )
    assert response.status_code == 400
    item.refresh_from_db()
    assert item.outcome == ""

    # The draw: recorded, shown, and repeatable from the seed and the list.
    mail.outbox.clear()
    assert (
        secretariat_client.post(f"/en/certification/meetings/{meeting.pk}/draw/").status_code == 302
    )
    meeting.refresh_from_db()
    pool = sorted([application.pk, second_reviewed.pk])
    assert meeting.spot_check_pool == pool
    assert len(meeting.spot_check_selected) == math.ceil(0.5 * 2) == 1
    assert draw_spot_checks(meeting.spot_check_seed, pool, 0.5) == meeting.spot_check_selected
    assert meeting.redraw() == meeting.spot_check_selected
    page = committee_client.get(f"/en/certification/meetings/{meeting.pk}/").content.decode()
    assert meeting.spot_check_seed in page
    assert "the same choice" in page
    assert {m.to[0] for m in mail.outbox} >= {committee_member.email, secretariat.email}
    # A second draw is refused: the choice stands.
    secretariat_client.post(f"/en/certification/meetings/{meeting.pk}/draw/")
    chosen = meeting.spot_check_selected
    meeting.refresh_from_db()
    assert meeting.spot_check_selected == chosen

    # A spot-checked application needs the findings before its decision.
    item.refresh_from_db()
    vote_all(item, "certify")
    data = {f"item{item.pk}-rationale": "All criteria met."}
    if item.spot_check:
        response = committee_client.post(
            f"/en/certification/meetings/{meeting.pk}/items/{item.pk}/", data
        )
        assert response.status_code == 400
        assert "Record the findings of the spot check before deciding." in response.content.decode()
        data[f"item{item.pk}-spot_check_notes"] = "Evidence matches the city's records."
    mail.outbox.clear()
    response = committee_client.post(
        f"/en/certification/meetings/{meeting.pk}/items/{item.pk}/", data
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.status == "certified"
    item.refresh_from_db()
    assert item.criteria_version == application.criteria_version
    certificate = Certificate.objects.get(application=application)
    assert certificate.number == f"SDGC-{timezone.localdate().year}-{certificate.pk:06d}"
    assert certificate.stage_code == "qualification" and certificate.label == "Silver"
    assert certificate.expires_on.year == certificate.issued_on.year + 3
    assert quito_member.email in {m.to[0] for m in mail.outbox}
    # The city now holds qualification: its next stage is the second.
    assert workflow.next_stage(quito.translation_key).code == "processes"

    # The other application: not yet eligible, with its rationale in the meeting report.
    other = AgendaItem.objects.get(meeting=meeting, application=second_reviewed)
    vote_all(other, "not_eligible")
    other_data = {
        f"item{other.pk}-rationale": "No public commitment yet.",
        f"item{other.pk}-spot_check_notes": "Checked.",
    }
    committee_client.post(f"/en/certification/meetings/{meeting.pk}/items/{other.pk}/", other_data)
    second_reviewed.refresh_from_db()
    assert second_reviewed.status == "not_eligible"
    report = committee_client.get(
        f"/en/certification/meetings/{meeting.pk}/report/"
    ).content.decode()
    assert "No public commitment yet." in report and "All criteria met." in report
    assert "Not yet eligible" in report and "Certify" in report

    # Public: register, verification page, API and the city page.
    visitor = Client()
    register = visitor.get("/en/certification/").content.decode()
    assert certificate.number in register and "Quito" in register and "Silver" in register
    french = visitor.get("/fr/certification/").content.decode()
    assert certificate.number in french and "Argent" in french
    verification = visitor.get(f"/en/certification/verify/{certificate.number}/").content.decode()
    assert "Valid" in verification
    api = visitor.get("/api/v2/certificates/?locale=fr").json()
    # With the demo's certificate (Cape Town, demo/certification.py).
    assert api["meta"]["total_count"] == 2
    entry = next(item for item in api["items"] if item["number"] == certificate.number)
    assert entry["status"] == "active"
    assert entry["city"]["country"]["code"] == "EC"
    assert entry["stage"]["code"] == "qualification" and entry["stage"]["label"] == "Argent"
    assert entry["certifying_body"]["kind"] == "global"
    assert set(entry) == {
        "number",
        "status",
        "city",
        "stage",
        "certifying_body",
        "issued_on",
        "expires_on",
        "verification_url",
    }
    city_page = visitor.get(quito.url).content.decode()
    assert certificate.number in city_page

    # Revocation: gone from the register, the API and the city page; verification says so.
    response = secretariat_client.post(
        f"/en/certification/certificates/{certificate.number}/revoke/",
        {"reason": "The evidence was found to be misstated."},
    )
    assert response.status_code == 302
    assert certificate.number not in visitor.get("/en/certification/").content.decode()
    # Only the demo's certificate (Cape Town) is left.
    assert visitor.get("/api/v2/certificates/").json()["meta"]["total_count"] == 1
    assert certificate.number not in visitor.get(quito.url).content.decode()
    verification = visitor.get(f"/en/certification/verify/{certificate.number}/").content.decode()
    assert "Revoked" in verification
    assert "The evidence was found to be misstated." in verification

    actions = [e.action for e in ModelLogEntry.objects.for_instance(application).order_by("pk")]
    assert actions[-1] == "certification.decide"
    assert actions.count("certification.vote") == 3
    assert actions.index("certification.on_agenda") < actions.index("certification.vote")
    revoked = ModelLogEntry.objects.for_instance(certificate).order_by("pk").last()
    assert revoked.action == "certification.certificate_revoked" and revoked.user == secretariat


def test_expired_certificates_are_not_current(reviewed_application, secretariat):
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    certificate = committee.issue_certificate(reviewed_application, body, secretariat)
    Certificate.objects.filter(pk=certificate.pk).update(
        expires_on=timezone.localdate() - datetime.timedelta(days=1)
    )
    client = Client()
    assert certificate.number not in client.get("/en/certification/").content.decode()
    # Only the demo's certificate (Cape Town, demo/certification.py) is current.
    listing = client.get("/api/v2/certificates/").json()
    assert listing["meta"]["total_count"] == 1
    assert certificate.number not in str(listing)
    assert (
        "Expired" in client.get(f"/en/certification/verify/{certificate.number}/").content.decode()
    )


def test_expiry_reminders_go_once(reviewed_application, secretariat, quito_member):
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    certificate = committee.issue_certificate(reviewed_application, body, secretariat)
    mail.outbox.clear()
    soon = certificate.expires_on - datetime.timedelta(days=30)
    assert committee.expiry_reminders(today=soon - datetime.timedelta(days=100), days=60) == 0
    # The demo's certificate, issued the same day, is due for its reminder too.
    assert committee.expiry_reminders(today=soon, days=60) == 2
    # Every member of a certified city hears, Cape Town's demo member as well as its focal point.
    assert sorted(m.to[0] for m in mail.outbox) == sorted(
        [
            quito_member.email,
            "demo-focal-cape-town@example.org",
            "capetown.member@example.org",
        ]
    )
    quito = next(m for m in mail.outbox if m.to == [quito_member.email])
    assert certificate.number in quito.body
    assert committee.expiry_reminders(today=soon, days=60) == 0


def test_the_draw_is_reproducible_and_sized_by_the_share():
    pool = list(range(1, 21))
    first = draw_spot_checks("abc", pool, 0.25)
    assert first == draw_spot_checks("abc", list(reversed(pool)), 0.25)
    assert len(first) == 5
    assert draw_spot_checks("another seed", pool, 0.25) != first
    assert draw_spot_checks("abc", pool, 0) == []
    assert draw_spot_checks("abc", [], 0.5) == []


def test_visitors_and_cities_see_no_meetings_or_applications(
    reviewed_application, quito_client, secretariat
):
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    members = [make_user(f"sitting{n}", setup.COMMITTEE) for n in range(3)]
    meeting = committee.create_meeting(
        body, timezone.localdate(), members, 0.25, [reviewed_application], secretariat
    )
    visitor = Client()
    for url in (
        "/en/certification/meetings/",
        f"/en/certification/meetings/{meeting.pk}/",
        f"/en/certification/meetings/{meeting.pk}/report/",
        "/en/certification/meetings/new/",
    ):
        assert visitor.get(url).status_code == 302, url
        assert quito_client.get(url).status_code == 404, url
    assert quito_client.post(f"/en/certification/meetings/{meeting.pk}/draw/").status_code == 404
    item = meeting.items.get()
    vote_url = f"/en/certification/meetings/{meeting.pk}/items/{item.pk}/vote/"
    assert quito_client.post(vote_url, {f"vote{item.pk}-choice": "certify"}).status_code == 404
    assert not item.votes.exists()
    public = visitor.get("/en/certification/").content.decode()
    assert f"/applications/{reviewed_application.pk}/" not in public
    assert "Our answer" not in public


def test_certificates_api_validates_its_parameters(client):
    assert client.get("/api/v2/certificates/?limit=101").status_code == 400
    assert "limit" in client.get("/api/v2/certificates/?limit=101").json()["message"]
    assert client.get("/api/v2/certificates/?colour=red").status_code == 400
    assert client.get("/api/v2/certificates/?city=abc").status_code == 400
    assert client.get("/api/v2/certificates/?locale=xx").status_code == 400
    response = client.get("/api/v2/certificates/?stage=impact&country=KR")
    assert response.json() == {"meta": {"total_count": 0}, "items": []}


def test_the_register_lists_in_bounded_queries(
    reviewed_application, second_reviewed, secretariat, django_assert_max_num_queries
):
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    committee.issue_certificate(reviewed_application, body, secretariat)
    client = Client()
    client.get("/api/v2/certificates/")
    with django_assert_max_num_queries(10) as one:
        client.get("/api/v2/certificates/")
    committee.issue_certificate(second_reviewed, body, secretariat)
    with django_assert_max_num_queries(len(one.captured_queries)):
        # With the demo's certificate (Cape Town).
        assert client.get("/api/v2/certificates/").json()["meta"]["total_count"] == 3


def test_certification_resources_join_the_site_search(client):
    from library.models import LibraryItemPage

    # The tools and resources are library items (moved from certification.Tool by migrate).
    tool = LibraryItemPage.objects.live().filter(locale__language_code="en").order_by("code")[0]
    word = tool.title.split()[-1]
    response = client.get(f"/api/v2/search/?q={word}&locale=en&type=library.LibraryItemPage")
    assert response.status_code == 200
    body = response.json()
    assert tool.pk in [item["id"] for item in body["items"]]
    assert {item["type"] for item in body["items"]} == {"library.LibraryItemPage"}
    assert "library.LibraryItemPage" in [value["value"] for value in body["facets"]["type"]]
    page = client.get(f"/en/search/?q={word}").content.decode()
    assert f'href="{tool.url}"' in page
    # Stages are found by their label, in the visitor's language.
    page = client.get("/fr/search/?q=Argent").content.decode()
    assert "/fr/certification/#stage-qualification" in page
