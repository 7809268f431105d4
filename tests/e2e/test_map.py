"""The map of initiatives by keyboard, in English and in Arabic: Tab reaches the markers in the
reading direction (west to east, or east to west), focus is visible, Enter opens an initiative,
and the table lists what the map shows."""

import pytest

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def _tab_to_first_marker(page):
    for _ in range(200):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('.initiative-map__marker')"):
            return page.evaluate("document.activeElement.getAttribute('aria-label')")
    raise AssertionError("Tab never reached a marker of the map")


def _open_first_marker(page, url):
    page.goto(url)
    label = _tab_to_first_marker(page)
    circle = page.locator(".initiative-map__marker:focus circle")
    # Focus is visible: the marker's ring turns dark and thick (figures.css).
    assert circle.evaluate("c => getComputedStyle(c).strokeWidth") == "4px"
    assert circle.evaluate("c => getComputedStyle(c).stroke") == "rgb(27, 31, 36)"
    focused_x = float(circle.get_attribute("cx"))
    xs = [
        float(x)
        for x in page.locator(".initiative-map__marker circle").evaluate_all(
            "circles => circles.map(c => c.getAttribute('cx'))"
        )
    ]
    assert len(xs) == 12
    # The table (folded away) lists the same cities.
    assert page.locator(".initiative-map__table tbody tr").count() == 12
    with page.expect_navigation():
        page.keyboard.press("Enter")
    return label, focused_x, xs


def test_the_map_opens_an_initiative_by_keyboard_in_english_and_arabic(live_demo, page):
    label, focused_x, xs = _open_first_marker(page, f"{live_demo.url}/en/initiatives/")
    assert focused_x == min(xs)  # west first
    assert label.startswith("Quito (Ecuador): 1 initiative")
    assert page.url == f"{live_demo.url}/en/cities/quito/eco-efficiency-ordinance/"
    assert page.locator("h1").inner_text() == "Eco-efficiency Ordinance"

    label, focused_x, xs = _open_first_marker(page, f"{live_demo.url}/ar/initiatives/")
    assert focused_x == max(xs)  # east first in Arabic
    assert page.url == f"{live_demo.url}/ar/cities/seoul/big-data-urban-management/"
    assert page.locator("html").get_attribute("dir") == "rtl"
    assert page.locator("html").get_attribute("lang") == "ar"
