"""Certification is reached from the main navigation, in every language."""

from django.utils import translation

import pytest

from tests.cms.test_bad_input import LANGUAGES

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_main_navigation_links_to_certification(client, homes, language):
    page = client.get(f"/{language}/").content.decode()
    menu = page[page.index('class="main-menu"') :]
    menu = menu[: menu.index("</nav>")]
    with translation.override(language):
        label = translation.gettext("Certification")
    assert language in ("en", "fr") or label != "Certification"  # the same word in French
    assert f'<a href="/{language}/certification/">{label}</a>' in menu
    certification = client.get(f"/{language}/certification/").content.decode()
    assert f'<a href="/{language}/certification/" aria-current="page">{label}</a>' in certification
