"""A member comments on an initiative in the browser."""

import pytest

from knowledge.models import CityPage, InitiativeComment, InitiativePage
from tests.knowledge.members import PASSWORD, make_member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_member_posts_a_comment_and_is_told_it_awaits_moderation(live_demo, page):
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    milan = InitiativePage.objects.get(slug="milan-food-policy", locale__language_code="en")
    user = make_member(seoul, "commenter@seoul.example.org", name="Ji-ho Park")

    page.goto(f"{live_demo.url}{milan.url}")
    page.get_by_role("link", name="Sign in to comment").click()
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(f"**{milan.url}#comments")

    page.get_by_label("Your comment").fill("Our markets could learn from this.")
    page.get_by_role("button", name="Post comment").click()

    page.wait_for_url(f"**{milan.url}#comment-*")
    notice = page.locator(".messages")
    assert "Your comment is awaiting moderation" in notice.inner_text()
    comment = page.locator(".comment", has_text="Our markets could learn from this.")
    assert "Only you can see it for now" in comment.inner_text()
    posted = InitiativeComment.objects.get(author=user)
    assert posted.status == InitiativeComment.Status.PENDING
