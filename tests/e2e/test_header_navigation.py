"""From the header, in English and Arabic: certification, the registration form, and signing out."""

from django.utils import translation

import pytest

from knowledge.models import CityPage
from tests.knowledge.members import PASSWORD
from tests.knowledge.members import make_member as make_seoul_member

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


def gettext(language, message):
    with translation.override(language):
        return translation.gettext(message)


def make_member():
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    return make_seoul_member(seoul, "header@seoul.example.org", name="Header")


@pytest.mark.parametrize("language", ["en", "ar"])
def test_header_reaches_certification_registration_and_sign_out(live_demo, page, language):
    user = make_member()
    header = page.locator("header.site-header")
    page.goto(f"{live_demo.url}/{language}/")

    # Certification, from the main navigation, marked as the current section there.
    header.get_by_role("link", name=gettext(language, "Certification"), exact=True).click()
    page.wait_for_url(f"**/{language}/certification/")
    current = header.locator("nav.main-menu a[aria-current]")
    assert current.inner_text() == gettext(language, "Certification")
    assert page.locator("nav.breadcrumbs li").last.inner_text() == gettext(
        language, "Certification"
    )

    # Registration: "Join the platform", beside "Sign in".
    header.get_by_role("link", name=gettext(language, "Join the platform")).click()
    page.wait_for_url(f"**/{language}/my-city/register/")
    assert page.locator("h1").inner_text() == gettext(language, "Join the platform")
    assert page.locator("form.stacked-form input[name=email]").count() == 1

    # Sign in, then out again from the header.
    header.get_by_role("link", name=gettext(language, "Sign in"), exact=True).click()
    page.wait_for_url(f"**/{language}/accounts/login/**")
    page.fill("#id_username", user.email)
    page.fill("#id_password", PASSWORD)
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(f"**/{language}/my-city/")
    assert header.get_by_role("link", name=gettext(language, "Join the platform")).count() == 0
    header.get_by_role("button", name=gettext(language, "Sign out")).click()
    page.wait_for_url(f"**/{language}/")
    assert header.get_by_role("link", name=gettext(language, "Sign in"), exact=True).is_visible()
    assert header.get_by_role("button", name=gettext(language, "Sign out")).count() == 0
    page.goto(f"{live_demo.url}/{language}/my-city/")
    page.wait_for_url(f"**/{language}/accounts/login/**")
