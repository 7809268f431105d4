"""A city member starts a certification application and adds evidence in the browser."""

from django.contrib.auth import get_user_model

import pytest

from certification.models import Application, Evidence
from knowledge.members import membership as members
from knowledge.models import CityPage, Registration

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-and-unusual-password-42"


def test_member_starts_an_application_and_uploads_evidence(live_demo, page, tmp_path):
    quito = CityPage.objects.get(slug="quito", locale__language_code="en")
    user = get_user_model().objects.create_user(
        "browser@quito.example.org", "browser@quito.example.org", PASSWORD, is_active=False
    )
    registration = Registration.objects.create(
        user=user,
        name="Browser",
        email=user.email,
        city=quito,
        position="P",
        organisation="O",
        motivation="M",
        status=Registration.Status.PENDING,
    )
    members.approve(registration, None, quito)
    plan = tmp_path / "plan.pdf"
    plan.write_bytes(b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n")

    page.goto(f"{live_demo.url}/en/accounts/login/?next=/en/my-city/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/my-city/")
    page.get_by_role("link", name="Certification applications").click()
    page.get_by_role("button", name="Start an application").click()
    page.wait_for_url("**/en/certification/applications/*/")
    application = Application.objects.get(city_key=quito.translation_key)

    page.locator("#criterion-Q1").get_by_role("link", name="Edit the answer and evidence").click()
    page.fill("#id_narrative", "Our 2023 review of plans, data and progress.")
    page.select_option("#id_self_rating", "largely")
    page.set_input_files("#id_file", str(plan))
    page.select_option("#id_language", "es")
    page.get_by_role("button", name="Save and add more evidence").click()
    page.wait_for_url("**/criteria/Q1/")
    assert page.get_by_role("link", name="plan.pdf").is_visible()

    page.get_by_role("button", name="Save and return to the application").click()
    page.get_by_role("button", name="Submit for review").click()
    assert page.get_by_role("alert").filter(has_text="Complete these criteria").is_visible()
    application.refresh_from_db()
    assert application.status == "draft"
    assert Evidence.objects.get(answer__application=application).original_name == "plan.pdf"
