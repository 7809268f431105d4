"""API serializer fields of the knowledge base. They import no models, so models can use them.

They read what the API viewset loaded in bulk (see cms.pages_api), so a listing costs the same
number of queries whatever its length.
"""

from django.utils import translation

from wagtail.api import APIField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import Page

from django_countries import countries
from rest_framework.fields import Field

from files import names

from ..languages.state import translation_state

DETAIL_IMAGE = "fill-1200x675"
THUMBNAIL_IMAGE = "fill-480x270"
LOGO_IMAGE = "max-400x200"
# Loaded with the images of an API response (knowledge.base.stream_objects).
IMAGE_RENDITIONS = (DETAIL_IMAGE, THUMBNAIL_IMAGE, LOGO_IMAGE)


class PublicImageRenditionField(ImageRenditionField):
    """Wagtail's rendition field, null for an image stored privately (in a collection with a
    view restriction): the API never gives anyone a private file's URL."""

    def to_representation(self, image):
        if names.is_private(image.file.name):
            return None
        return super().to_representation(image)


def image_api_fields(source="image"):
    """The page's image as two renditions, each with url, width, height and alt text (null when
    the image is private)."""
    image = {} if source == "image" else {"source": source}
    return [
        APIField("image", serializer=PublicImageRenditionField(DETAIL_IMAGE, **image)),
        APIField("thumbnail", serializer=PublicImageRenditionField(THUMBNAIL_IMAGE, source=source)),
    ]


class _PageField(Field):
    def __init__(self, **kwargs):
        kwargs.setdefault("source", "*")
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    @property
    def request(self):
        return self.context.get("request")


class SDGsField(_PageField):
    def to_representation(self, page):
        return [serialize_goal(goal) for goal in page.localized_sdgs(self.request)]


class TargetsField(_PageField):
    def to_representation(self, page):
        return [{"code": t.code, "text": t.text} for t in page.localized_targets(self.request)]


class ThemesField(_PageField):
    def to_representation(self, page):
        return [
            {"code": theme.code, "title": theme.title}
            for theme in page.localized_themes(self.request)
        ]


def serialize_country(code, language_code):
    with translation.override(language_code):
        return {"code": code, "name": str(countries.name(code))}


class CityField(_PageField):
    def to_representation(self, page):
        city = page.city
        if city is None:
            return None
        return {
            "id": city.pk,
            "title": city.title,
            "country": serialize_country(city.country.code, page.locale.language_code),
            "region": city.region,
        }


class CountryField(_PageField):
    """{"code": "KR", "name": "…"} in the page's language, or null when no country is set."""

    def to_representation(self, page):
        if not page.country:
            return None
        return serialize_country(page.country.code, page.locale.language_code)


class FocalPointsField(_PageField):
    """Names and roles only: e-mail addresses and phones never leave the site."""

    def to_representation(self, page):
        return [{"name": point.name, "role": point.role} for point in page.focal_points.all()]


class ReplicationField(_PageField):
    """{"replicated": 2, "interested": 5}: how many cities replicated the initiative, or want to."""

    def to_representation(self, page):
        counts = self.context.get("replication")
        if counts is None or page.translation_key not in counts:
            return page.replication()
        return counts[page.translation_key]


class TranslationStatusField(_PageField):
    """For a translation: its source language and page, and whether it is up to date with the
    source (see knowledge.languages.state); null for a page that is not a translation."""

    def to_representation(self, page):
        states = self.context.get("translation_states")
        state = states.get(page.pk) if states is not None else translation_state(page)
        return state.as_api() if state is not None else None


class SocialAccountsField(_PageField):
    def to_representation(self, page):
        return [
            {"network": account.network, "url": account.url}
            for account in page.social_accounts.all()
        ]


class TranslationsField(_PageField):
    """{"fr": 45, "ar": 51}: the live translations of the page, by language."""

    def to_representation(self, page):
        translations = self.context.get("translations")
        if translations is None:
            translations = load_translations([page], self.context.get("base_queryset"))
        return {
            code: page_id
            for code, page_id in translations.get(page.translation_key, {}).items()
            if page_id != page.pk
        }


def load_translations(pages, visible=None):
    """{translation_key: {language_code: page id}} of the pages translating these.

    `visible` is the queryset of pages the reader may see (the API's base queryset); by default
    every live, public page.
    """
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    if visible is None:
        visible = Page.objects.live().public()
    rows = visible.filter(translation_key__in=keys).values_list(
        "translation_key", "locale__language_code", "pk"
    )
    result = {}
    for key, code, page_id in rows:
        result.setdefault(key, {})[code] = page_id
    return result


def serialize_goal(goal):
    return {
        "number": goal.number,
        "short_title": goal.short_title,
        "title": goal.title,
        "color": goal.color,
    }


class ContactField(_PageField):
    """The initiative's contact person: name and role only, never e-mail or phone."""

    def to_representation(self, page):
        if not (page.contact_name or page.contact_role):
            return None
        return {"name": page.contact_name, "role": page.contact_role}


class LocaleCodeField(_PageField):
    def to_representation(self, instance):
        return instance.locale.language_code
