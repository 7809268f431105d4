"""In the browser, a French translator with no other role starts the translation of an English
initiative, translates it and submits it; a French reviewer requests a change, then approves it,
and the page goes live in French; the translator updates an out-of-date event from its source.
The translation desk shows the right counts at each step."""

import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from knowledge.languages.desk import translation_desk
from knowledge.models import CityPage, InitiativePage
from pages.models import EventPage
from tests.factories import InitiativePageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-and-unusual-password-42"
TITLE = "Bus rapid transit corridors"
FRENCH_TITLE = "Couloirs de bus à haut niveau de service"
SECTIONS = ["missing", "out_of_date", "in_progress", "awaiting_review", "recently_published"]


def make_user(username, group):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", PASSWORD)
    user.groups.add(Group.objects.get(name=group))
    return user


def sign_in(page, base, user):
    page.context.clear_cookies()
    page.goto(f"{base}/admin/login/")
    page.fill("#id_username", user.get_username())
    page.fill("#id_password", PASSWORD)
    page.locator("form button[type=submit]").click()
    page.wait_for_url(f"{base}/admin/")


def desk_counts(page, base):
    """The counts the desk shows, checked against the desk's own computation."""
    page.goto(f"{base}/admin/translations/?language=fr")
    return {code: int(page.locator(f"[data-desk-count={code}]").inner_text()) for code in SECTIONS}


def computed(user):
    return {code: section.count for code, section in translation_desk(user, "fr").items()}


def translate_first_segment(page, text):
    """In wagtail-localize's editor: translate the first string (the title) and save it."""
    page.get_by_role("button", name="Translate", exact=True).first.click()
    page.locator("textarea").first.fill(text)
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Saving...").wait_for(state="detached")


def follow(page, locator):
    with page.expect_navigation():
        locator.click()


def submit_for_review(page):
    follow(page, page.get_by_role("link", name="Submit for review"))
    follow(page, page.get_by_role("button", name="Submit for review"))
    assert page.url.endswith("/admin/translations/?language=fr")


def test_translate_review_publish_and_update_in_the_browser(live_demo, page):
    base = live_demo.url
    translator = make_user("traductrice", "Translators: French")
    reviewer = make_user("relecteur", "Translation reviewers: French")
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    english = InitiativePageFactory(
        parent=seoul, title=TITLE, slug="brt-corridors", summary="Fast buses on their own lanes."
    )
    # An event whose English source was published again after its French translation took it.
    event = EventPage.objects.filter(locale__language_code="en", live=True).order_by("pk").first()
    event.save_revision().publish()

    sign_in(page, base, translator)
    start = desk_counts(page, base)
    assert start == computed(translator)
    assert start["out_of_date"] >= 1 and start["awaiting_review"] == 0

    # Start the translation from the desk's "missing" list; only French is offered.
    follow(page, page.locator("#desk-missing tr", has_text=TITLE).get_by_role("link"))
    assert page.locator("input[name=locales]").count() == 1
    page.locator("input[type=submit][value=Submit]").click()
    page.wait_for_url(re.compile(r".*/admin/pages/\d+/edit/$"))
    french = InitiativePage.objects.get(
        translation_key=english.translation_key, locale__language_code="fr"
    )
    assert not french.live
    counts = desk_counts(page, base)
    assert counts == dict(start, missing=start["missing"] - 1, in_progress=start["in_progress"] + 1)

    page.goto(f"{base}/admin/pages/{french.pk}/edit/")
    translate_first_segment(page, "Couloirs de bus")
    submit_for_review(page)
    counts = desk_counts(page, base)
    assert counts == dict(start, missing=start["missing"] - 1, awaiting_review=1)
    assert counts == computed(translator)

    # The reviewer asks for a change.
    sign_in(page, base, reviewer)
    assert desk_counts(page, base)["awaiting_review"] == 1
    row = page.locator("#desk-awaiting_review tr", has_text="Couloirs de bus")
    follow(page, row.get_by_role("link"))
    page.fill("#review-comment", "Say « à haut niveau de service ».")
    page.get_by_role("button", name="Request changes").click()
    page.wait_for_url("**/admin/translations/?language=fr")
    counts = desk_counts(page, base)
    assert counts == dict(start, missing=start["missing"] - 1, in_progress=start["in_progress"] + 1)

    # The translator sees the comment, corrects and submits again.
    sign_in(page, base, translator)
    page.goto(f"{base}/admin/pages/{french.pk}/edit/")
    assert page.get_by_text("Changes requested: Say « à haut niveau de service ».").is_visible()
    page.get_by_role("button", name="Edit", exact=True).first.click()
    page.locator("textarea").first.fill(FRENCH_TITLE)
    page.get_by_role("button", name="Save", exact=True).first.click()
    page.get_by_role("button", name="Saving...").wait_for(state="detached")
    submit_for_review(page)
    assert desk_counts(page, base)["awaiting_review"] == 1

    # The reviewer approves: the French page is live.
    sign_in(page, base, reviewer)
    page.goto(f"{base}/admin/translations/?language=fr")
    row = page.locator("#desk-awaiting_review tr", has_text=FRENCH_TITLE)
    follow(page, row.get_by_role("link"))
    page.get_by_role("button", name="Approve and publish").click()
    page.wait_for_url("**/admin/translations/?language=fr")
    counts = desk_counts(page, base)
    published = dict(
        start,
        missing=start["missing"] - 1,
        recently_published=start["recently_published"] + 1,
    )
    assert counts == published
    french.refresh_from_db()
    assert french.live and french.title == FRENCH_TITLE
    response = page.goto(f"{base}{french.url}")
    assert response.status == 200
    assert page.locator("h1").first.inner_text().strip() == FRENCH_TITLE

    # The translator updates the out-of-date event from its source.
    sign_in(page, base, translator)
    french_event = EventPage.objects.get(
        translation_key=event.translation_key, locale__language_code="fr"
    )
    page.goto(f"{base}/admin/translations/?language=fr")
    row = page.locator("#desk-out_of_date tr", has_text=french_event.title)
    follow(page, row.get_by_role("link"))
    assert page.locator("input[name=publish_translations]").count() == 0
    page.locator("input[type=submit][value=Submit]").click()
    page.wait_for_url(f"**/admin/pages/{french_event.pk}/edit/")
    counts = desk_counts(page, base)
    assert counts == dict(
        published,
        out_of_date=start["out_of_date"] - 1,
        in_progress=start["in_progress"] + 1,
    )
    assert counts == computed(translator)
