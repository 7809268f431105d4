"""The default site, its home page and the "About the platform" page, in the six languages."""

from urllib.parse import urlsplit

from django.conf import settings

from wagtail.models import Site

from pages.models import HomePage, StandardPage

from .content.site import ABOUT, HOME, SLUGS
from .pages import heading, paragraph, translate_page, update_page, upsert_page


def configure_default_site(log):
    """Point the default site at the address the demo is served on, so API links work."""
    address = urlsplit(settings.WAGTAILADMIN_BASE_URL)
    hostname = address.hostname or "localhost"
    port = address.port or (443 if address.scheme == "https" else 80)
    site = Site.objects.get(is_default_site=True)
    if (site.hostname, site.port) != (hostname, port):
        site.hostname, site.port = hostname, port
        site.save()
        log(f"Default site: {hostname}:{port}")


def load(log):
    """Fill the home page and the About page, in English and then in the other languages.

    Returns the English home page, under which the other demo content goes.
    """
    home = HomePage.objects.get(locale__language_code="en", depth=2)
    home = update_page(
        home,
        {
            "title": HOME["title"],
            "intro": HOME["intro"],
            "body": [heading(HOME["heading"]), paragraph(HOME["paragraph"])],
        },
        log,
    )
    translate_page(home, log, slugs=SLUGS["home"])

    about = upsert_page(
        home,
        StandardPage,
        "about",
        {
            "title": ABOUT["title"],
            "intro": ABOUT["intro"],
            "show_in_menus": True,
            "body": [
                heading(ABOUT["why_heading"]),
                paragraph(ABOUT["why"]),
                heading(ABOUT["how_heading"]),
                paragraph(ABOUT["how"]),
            ],
        },
        log,
    )
    translate_page(about, log, slugs=SLUGS["about"])
    return home
