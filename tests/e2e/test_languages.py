import pytest

# Transactional, so the live server thread sees the data; serialized_rollback restores the
# locales and home pages created by migrations for the tests that come after.
pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def test_arabic_home_is_right_to_left_and_switcher_reaches_french(live_demo, page):
    page.goto(f"{live_demo.url}/ar/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"
    # In right-to-left order the site name starts at the right edge of the header (however
    # the header's items wrap at this width).
    brand = page.locator(".brand").bounding_box()
    header = page.locator(".site-header__inner").bounding_box()
    assert header["x"] + header["width"] - (brand["x"] + brand["width"]) < 40
    assert brand["x"] > header["x"] + header["width"] / 2
    assert page.locator("h1").inner_text() == "منصة المعرفة الحضرية لأهداف التنمية المستدامة"

    page.locator(".language-switcher").get_by_role("link", name="Français").click()

    page.wait_for_url(f"{live_demo.url}/fr/")
    assert page.locator("html").get_attribute("lang") == "fr"
    assert page.locator("html").get_attribute("dir") == "ltr"
    assert page.locator("h1").inner_text() == "Plateforme de connaissances urbaines sur les ODD"


def test_arabic_initiative_page_is_mirrored(live_demo, page):
    page.goto(f"{live_demo.url}/ar/cities/milan/milan-food-policy/")

    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.evaluate("getComputedStyle(document.querySelector('main')).direction") == "rtl"
    # The navigation starts on the right: its first link is right of the last one.
    links = page.locator("nav.main-menu a")
    first, last = links.first.bounding_box(), links.last.bounding_box()
    assert first["x"] > last["x"]
    # The key facts, beside the sections in the reading order, sit on their left.
    sections = page.locator(".initiative__sections").bounding_box()
    facts = page.locator(".initiative__facts").bounding_box()
    assert facts["x"] + facts["width"] <= sections["x"] + 1
    # The sections added below the initiative are translated too.
    assert page.locator("#comments h2").inner_text() == "التعليقات"
