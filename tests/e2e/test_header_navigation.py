"""From the header, in English and Arabic: certification, the registration form, and signing out."""

from django.contrib.auth import get_user_model
from django.utils import translation

import pytest

from knowledge import members
from knowledge.models import CityPage, Registration

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

PASSWORD = "a-long-and-unusual-password-42"


def gettext(language, message):
    with translation.override(language):
        return translation.gettext(message)


def make_member():
    seoul = CityPage.objects.get(slug="seoul", locale__language_code="en")
    user = get_user_model().objects.create_user(
        "header@seoul.example.org", "header@seoul.example.org", PASSWORD, is_active=False
    )
    registration = Registration.objects.create(
        user=user,
        name="Header",
        email=user.email,
        city=seoul,
        position="Officer",
        organisation="City",
        motivation="Share",
        status=Registration.Status.PENDING,
    )
    members.approve(registration, None, seoul)
    return user


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
