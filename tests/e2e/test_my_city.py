"""A city member fills in the upload form in the browser."""

from django.contrib.auth import get_user_model

import pytest

from knowledge.members import membership as members
from knowledge.models import CityPage, InitiativePage, Registration

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-and-unusual-password-42"


def test_member_saves_a_draft_then_submits_it(live_demo, page):
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    user = get_user_model().objects.create_user(
        "browser@seoul.example.org", "browser@seoul.example.org", PASSWORD, is_active=False
    )
    registration = Registration.objects.create(
        user=user,
        name="Browser",
        email=user.email,
        city=seoul,
        position="P",
        organisation="O",
        motivation="M",
        status=Registration.Status.PENDING,
    )
    members.approve(registration, None, seoul)

    page.goto(f"{live_demo.url}/en/accounts/login/?next=/en/my-city/initiatives/new/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/my-city/initiatives/new/")

    page.fill("#id_title", "Green roofs for schools")
    page.fill("#id_summary", "Schools get planted roofs that cool classrooms.")
    page.get_by_label("Environment and resilience").check()
    page.get_by_label("13. Climate action").check()
    page.get_by_role("button", name="Save draft").click()

    page.wait_for_url("**/en/my-city/")
    row = page.locator("tr", has_text="Green roofs for schools")
    assert row.locator(".state-badge").inner_text() == "Draft"

    row.get_by_role("link", name="Edit").click()
    page.fill("#id_background", "Classrooms overheat in June.")
    page.get_by_role("button", name="Submit for moderation").click()
    page.wait_for_url("**/en/my-city/")
    assert (
        page.locator("tr", has_text="Green roofs for schools").locator(".state-badge").inner_text()
        == "In moderation"
    )

    initiative = InitiativePage.objects.get(title="Green roofs for schools")
    assert not initiative.live
    assert [goal.number for goal in initiative.get_latest_revision_as_object().sdgs.all()] == [13]
