"""The Wagtail admin works under its Content-Security-Policy: an administrator signs in, opens the
main screens and then the public site with Wagtail's user bar; the harness fails the test on any
violation in the console."""

from django.contrib.auth import get_user_model

import pytest

from knowledge.models import InitiativePage

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-and-unusual-password-42"


def test_admin_screens_run_under_the_admin_policy(live_demo, page):
    get_user_model().objects.create_superuser("chief", "chief@example.org", PASSWORD)
    initiative = InitiativePage.objects.filter(locale__language_code="en").first()

    page.goto(f"{live_demo.url}/admin/login/")
    page.fill("#id_username", "chief")
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{live_demo.url}/admin/")

    for path in [
        f"/admin/pages/{initiative.get_parent().pk}/",
        f"/admin/pages/{initiative.pk}/edit/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/users/",
    ]:
        response = page.goto(f"{live_demo.url}{path}")
        assert response.status == 200, path
        assert "'unsafe-inline'" in response.headers["content-security-policy"], path
        page.wait_for_load_state("networkidle")

    # The public site with Wagtail's user bar, which signed-in editors see.
    home = page.goto(f"{live_demo.url}/en/")
    assert "'unsafe-inline'" not in home.headers["content-security-policy"]
    page.wait_for_load_state("networkidle")
