"""A member downloads their data, deletes their account, and finds their comment kept by a
"former member"."""

import json

import pytest

from knowledge.models import CityPage, InitiativeComment, InitiativePage
from tests.knowledge.members import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_member_downloads_their_data_then_deletes_the_account(live_demo, page):
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    milan = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")
    user = make_member(seoul, "leaving@seoul.example.org", name="Min-seo Lee")
    InitiativeComment.objects.create(
        page=milan,
        author=user,
        body="Seoul's markets tried this too.",
        language="en",
        status=InitiativeComment.Status.PUBLISHED,
    )

    page.goto(f"{live_demo.url}/en/accounts/login/")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url("**/en/my-city/")

    with page.expect_download() as download:
        page.get_by_role("link", name="Download your data (JSON)").click()
    data = json.loads(open(download.value.path(), encoding="utf-8").read())
    assert data["account"]["email"] == "leaving@seoul.example.org"
    assert [c["body"] for c in data["comments"]] == ["Seoul's markets tried this too."]

    page.get_by_role("link", name="Delete your account").click()
    page.get_by_label("Your password").fill(PASSWORD)
    page.get_by_role("button", name="Delete my account").click()
    page.wait_for_url(f"{live_demo.url}/en/")
    assert "Your account was deleted" in page.locator(".messages").inner_text()

    page.goto(f"{live_demo.url}{milan.url}")
    comment = page.locator(".comment", has_text="Seoul's markets tried this too.")
    assert "former member" in comment.inner_text()
    assert "Min-seo Lee" not in page.content()
