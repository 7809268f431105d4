"""API serializer fields of the editorial pages (no model imports, so models can use them)."""

from knowledge.base.serializers import _PageField

from .localized import localized_page_map


def _page_summary(page, request):
    return {"id": page.pk, "title": page.title, "url": page.get_full_url(request)}


class _RelatedPagesField(_PageField):
    """Related pages, each in the page's language where it is translated."""

    relation = None

    def to_representation(self, page):
        related = list(getattr(page, self.relation).all())
        localized = self.context.get("localized_pages")
        if localized is None:
            localized = localized_page_map(related, [page.locale_id])
        return [
            _page_summary(localized.get((item.translation_key, page.locale_id), item), self.request)
            for item in related
        ]


class OrganisersField(_RelatedPagesField):
    relation = "organisers"


class CaseStudiesField(_RelatedPagesField):
    relation = "case_studies"


def prepare_related_pages(*relations):
    """A PAGE_PREPARERS entry loading the translations of these relations for a whole list."""

    def prepare(pages, request):
        # Here, not at the top: pages.models imports this module (its API fields).
        related = [
            item for page in pages for name in relations for item in getattr(page, name).all()
        ]
        locales = {page.locale_id for page in pages}
        return {"localized_pages": localized_page_map(related, locales)}

    return prepare


class SpeakersField(_PageField):
    def to_representation(self, page):
        return [
            {
                "name": speaker.name,
                "position": speaker.position,
                "organisation": speaker.organisation,
                "city": speaker.city_id,
            }
            for speaker in page.speakers.all()
        ]
