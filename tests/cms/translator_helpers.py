"""Helpers of the translator tests: their groups, the rows they translate and the admin URLs."""

from urllib.parse import urlencode

from django.urls import reverse

from wagtail_localize.models import Translation

from knowledge.models import InitiativePage, Theme
from pages.models import HomePage, NavigationMenu

TRANSLATOR_GROUPS = {
    "ar": "Translators: Arabic",
    "zh-hans": "Translators: Chinese (Simplified)",
    "fr": "Translators: French",
    "ru": "Translators: Russian",
    "es": "Translators: Spanish",
}


def initiative(code):
    return InitiativePage.objects.get(slug="milan-food-policy", locale__language_code=code)


def home(code):
    return HomePage.objects.get(locale__language_code=code)


def main_menu(code, slot="main"):
    return NavigationMenu.objects.get(slot=slot, locale__language_code=code)


def theme(code, theme_code="transport"):
    return Theme.objects.get(code=theme_code, locale__language_code=code)


def menu_url(action, menu):
    return reverse(f"wagtailsnippets_pages_navigationmenu:{action}", args=[menu.pk])


def theme_url(action, row):
    return reverse(f"wagtailsnippets_knowledge_theme:{action}", args=[row.pk])


def refused(response):
    """Wagtail's admin answers a refusal with 403, or a redirect to the dashboard."""
    return response.status_code == 403 or (
        response.status_code == 302 and not response["Location"].endswith("/edit/")
    )


def translation_of(instance):
    return Translation.objects.get(
        source__object_id=instance.translation_key, target_locale=instance.locale, enabled=True
    )


def put_string(client, translation, segment, value):
    url = reverse("wagtail_localize:edit_string_translation", args=[translation.pk, segment.pk])
    return client.put(
        url, urlencode({"value": value}), content_type="application/x-www-form-urlencoded"
    )


def draft_of(row):
    """What a translator saved: a draft revision of the row (reviewed before it is live)."""
    return type(row).objects.get(pk=row.pk).get_latest_revision_as_object()
