"""The demo shows certification working: a certified city with its certificate, register entry
and city-page badge; an application in review with two assessors and an open clarification; a
meeting with votes; and the accounts of each role, as the README's walkthrough lists them.
Loading again changes nothing."""

from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.test import Client

import pytest

from certification import scoring, setup
from certification.models import (
    Application,
    Certificate,
    ClarificationRound,
    CommitteeMeeting,
    ReviewAssignment,
    Vote,
)
from demo.certification import ACCOUNTS, PASSWORD
from knowledge.models import CityPage

pytestmark = pytest.mark.django_db


def _city(slug, language="en"):
    return CityPage.objects.get(slug=slug, locale__language_code=language)


def test_a_certified_city_with_certificate_register_entry_and_badge(demo_content):
    cape_town = _city("cape-town")
    application = Application.objects.get(city_key=cape_town.translation_key)
    assert application.status == "certified"
    certificate = Certificate.objects.current().get(city_key=cape_town.translation_key)
    client = Client()
    assert certificate.number in client.get("/en/certification/").content.decode()
    verify = client.get(f"/fr/certification/verify/{certificate.number}/")
    assert verify.status_code == 200
    badge = client.get(_city("cape-town", "fr").url).content.decode()
    assert 'class="city-certification"' in badge and certificate.number in badge
    # Two assessors agreed, with the reason where they differed.
    assert [a.reviewer.username for a in scoring.assessors(application)] == [
        "demo-reviewer-en",
        "demo-reviewer-ar",
    ]
    assert application.assessments.exclude(difference_reason="").count() == 1


def test_a_meeting_with_votes(demo_content):
    cape_town = _city("cape-town")
    meeting = CommitteeMeeting.objects.get(items__application__city_key=cape_town.translation_key)
    votes = Vote.objects.filter(item__meeting=meeting)
    assert sorted(votes.values_list("member__username", "choice")) == [
        ("demo-committee-1", "certify"),
        ("demo-committee-2", "certify"),
        ("demo-committee-3", "abstain"),
    ]
    assert meeting.items.get().outcome == "certify"


def test_an_application_in_review_with_two_assessors_and_an_open_clarification(demo_content):
    saint_louis = _city("saint-louis")
    application = Application.objects.get(city_key=saint_louis.translation_key)
    assert application.status == "clarification"
    assert ReviewAssignment.objects.filter(application=application, has_conflict=False).count() == 2
    round_ = ClarificationRound.objects.get(application=application)
    assert round_.is_open and round_.questions.count() == 1
    # Its focal point sees the question to answer.
    focal = get_user_model().objects.get(username="demo-focal-saint-louis")
    assert focal.check_password(PASSWORD)
    client = Client()
    client.force_login(focal)
    page = client.get(f"/fr/certification/applications/{application.pk}/").content.decode()
    assert round_.questions.get().question in page


def test_accounts_of_each_role_sign_in_with_the_documented_password(demo_content):
    readme = open("README.md", encoding="utf-8").read()
    assert f"`{PASSWORD}`" in readme
    groups = {setup.SECRETARIAT, setup.COMMITTEE, setup.REVIEWERS}
    for username, *_names, group, _languages in ACCOUNTS:
        user = get_user_model().objects.get(username=username)
        assert user.check_password(PASSWORD), username
        assert user.groups.filter(role__role=group).exists()
        assert username.split("-")[0] + "-" in readme
        groups.discard(group)
    assert groups == set()


def test_loading_again_adds_nothing(demo_content):
    counts = (
        Application.objects.count(),
        Certificate.objects.count(),
        CommitteeMeeting.objects.count(),
        ReviewAssignment.objects.count(),
        ClarificationRound.objects.count(),
        Vote.objects.count(),
    )
    output = StringIO()
    call_command("load_demo_content", stdout=output)
    assert "Certification: accounts, a certified city, a review: 0 changes" in output.getvalue()
    assert (
        Application.objects.count(),
        Certificate.objects.count(),
        CommitteeMeeting.objects.count(),
        ReviewAssignment.objects.count(),
        ClarificationRound.objects.count(),
        Vote.objects.count(),
    ) == counts
