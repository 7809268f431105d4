"""The public API v2 router. Each app contributes its endpoints and filters."""

from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.views import ImagesAPIViewSet

import pages.api  # noqa: F401 - registers the editorial pages' filters
from cms.preview import PreviewAPIViewSet
from knowledge import cache_tags
from knowledge.api import PagesAPIViewSet, Pagination, SDGsAPIViewSet, ThemesAPIViewSet


class MediaTagsMixin:
    """Names the media listed in the response's cache tags: a change of any image (document)
    purges the listings and details of images (documents)."""

    def dispatch(self, request, *args, **kwargs):
        cache_tags.add(cache_tags.list_tag(self.model))
        return super().dispatch(request, *args, **kwargs)


class PublicImagesAPIViewSet(MediaTagsMixin, ImagesAPIViewSet):
    pagination_class = Pagination


class PublicDocumentsAPIViewSet(MediaTagsMixin, DocumentsAPIViewSet):
    pagination_class = Pagination


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("sdgs", SDGsAPIViewSet)
api_router.register_endpoint("themes", ThemesAPIViewSet)
api_router.register_endpoint("preview", PreviewAPIViewSet)
