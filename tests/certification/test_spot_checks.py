"""Spot checks with commit-reveal: the SHA-256 of the seed is on the meeting page before the draw
closes the agenda, the seed is revealed at the draw and matches it, and the documented rule is
pinned by a test vector anyone can recompute."""

import hashlib
from decimal import Decimal

from django.utils import timezone

from wagtail.models import ModelLogEntry

import pytest

from certification import committee, setup, workflow
from certification.models import CertifyingBody, CommitteeMeeting, draw_spot_checks
from tests.knowledge.members import make_member, member_client

from .conftest import fill_in, make_reviewer, make_user, review_all

# The pinned vector: seed, the agenda's application ids, share -> ids chosen.
SEED = "5dcb2a1e0f8a4c7e9b3d6f1a2c4e8b07"
COMMITMENT = "721439f6b37f6b1f53a946afe5831bf8ac231ed5dc481daeb3e667201fb21a75"
POOL = list(range(1, 11))


def test_the_draw_rule_is_pinned_by_a_test_vector():
    assert hashlib.sha256(SEED.encode()).hexdigest() == COMMITMENT
    # SHA-256("<seed>:<n>") sorted: 5, 9, 3, 4, 7, 2, 6, 1, 8, 10.
    assert hashlib.sha256(f"{SEED}:5".encode()).hexdigest().startswith("24215873a6f6")
    assert draw_spot_checks(SEED, POOL, Decimal("0.30")) == [3, 5, 9]
    assert draw_spot_checks(SEED, POOL, Decimal("0.25")) == [3, 5, 9]  # 2.5 rounded up
    assert draw_spot_checks(SEED, POOL, Decimal("0.10")) == [5]
    assert draw_spot_checks(SEED, POOL, Decimal("0.40")) == [3, 4, 5, 9]
    assert draw_spot_checks(SEED, POOL, 1) == POOL
    assert draw_spot_checks(SEED, list(reversed(POOL)), Decimal("0.30")) == [3, 5, 9]


@pytest.fixture
def meeting(make_city, secretariat):
    reviewer = make_reviewer("assessor", ["en"])
    applications = []
    for title in ("Busan", "Daegu", "Incheon"):
        city = make_city(title, "KR")
        member = make_member(city, f"focal@{city.slug}.example.org")
        application = workflow.start(city.translation_key, member, "en")
        fill_in(application, member)
        workflow.submit(application, member)
        workflow.assign(application, reviewer.technical_reviewer, secretariat)
        workflow.declare(application.assignments.get(), False, "", reviewer)
        applications.append(review_all(application, reviewer))
    body = CertifyingBody.objects.get(code="global-committee", locale__language_code="en")
    members = [make_user(f"member{n}", setup.COMMITTEE) for n in range(3)]
    return committee.create_meeting(
        body, timezone.localdate(), members, Decimal("0.50"), applications, secretariat
    )


@pytest.mark.django_db
def test_the_commitment_is_published_before_the_draw_and_the_seed_after(meeting, secretariat):
    client = member_client(secretariat)
    url = f"/en/certification/meetings/{meeting.pk}/"
    before = client.get(url).content.decode()
    published = meeting.spot_check_commitment
    assert len(published) == 64 and published in before
    assert meeting.spot_check_seed not in before  # still secret
    created = ModelLogEntry.objects.for_instance(meeting).get(
        action="certification.meeting_created"
    )
    assert created.data["commitment"] == published
    assert meeting.spot_check_seed not in str(created.data)

    client.post(f"{url}draw/")
    meeting.refresh_from_db()
    after = client.get(url).content.decode()
    assert meeting.spot_check_seed in after and published in after
    assert "its SHA-256 is the commitment published before the draw" in after
    # Anyone recomputes: the revealed seed hashes to the commitment, and the draw repeats.
    assert hashlib.sha256(meeting.spot_check_seed.encode()).hexdigest() == published
    assert meeting.spot_check_commitment == published
    assert (
        draw_spot_checks(meeting.spot_check_seed, meeting.spot_check_pool, Decimal("0.50"))
        == meeting.spot_check_selected
    )
    assert len(meeting.spot_check_selected) == 2  # 3 × 0.5 rounded up
    drawn = ModelLogEntry.objects.for_instance(meeting).get(
        action="certification.spot_checks_drawn"
    )
    assert drawn.data["seed"] == meeting.spot_check_seed
    assert drawn.data["commitment"] == published


@pytest.mark.django_db
def test_a_seed_that_does_not_match_its_commitment_is_refused(meeting, secretariat):
    CommitteeMeeting.objects.filter(pk=meeting.pk).update(spot_check_seed="another seed")
    with pytest.raises(workflow.TransitionError, match="commitment"):
        committee.draw(meeting, secretariat)
    meeting.refresh_from_db()
    assert not meeting.drawn
