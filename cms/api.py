"""The public API v2 router. Each app contributes its endpoints and filters."""

from wagtail.api.v2.filters import FieldsFilter
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v2.serializers import TagsField
from wagtail.documents.api.v2.serializers import DocumentSerializer
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.images.api.v2.serializers import ImageSerializer
from wagtail.images.api.v2.views import ImagesAPIViewSet

from rest_framework.views import exception_handler as drf_exception_handler

import library.api  # noqa: F401 - registers the library's filters
import pages.api  # noqa: F401 - registers the editorial pages' filters
from api.base import FindByIdMixin, OrderingFilter, Pagination
from awards.api import AwardsAPIViewSet
from certification.api import CertificatesAPIViewSet
from cms.pages_api import BoundedSearchFilter, PagesAPIViewSet
from cms.preview import PreviewAPIViewSet
from exchanges.api import ExchangesAPIViewSet
from knowledge.base import cache_tags
from knowledge.taxonomy.api import SDGsAPIViewSet, ThemesAPIViewSet
from network.api import PeersAPIViewSet
from search.api import SearchAPIViewSet


class PrefetchedTagsField(TagsField):
    """The names of an image's (document's) tags, in order, read from the tags the view
    prefetched: one query for the whole listing instead of one per item."""

    def to_representation(self, value):
        return sorted({tag.name for tag in value.all()})


class PrefetchedTagsSerializerMixin:
    def build_property_field(self, field_name, model_class):
        field_class, kwargs = super().build_property_field(field_name, model_class)
        return (PrefetchedTagsField if field_class is TagsField else field_class), kwargs


class PublicImageSerializer(PrefetchedTagsSerializerMixin, ImageSerializer):
    pass


class PublicDocumentSerializer(PrefetchedTagsSerializerMixin, DocumentSerializer):
    pass


class MediaTagsMixin:
    """Names the media listed in the response's cache tags: a change of any image (document)
    purges the listings and details of images (documents). Their tags are prefetched for
    PrefetchedTagsField."""

    def dispatch(self, request, *args, **kwargs):
        cache_tags.add(cache_tags.list_tag(self.model))
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        return super().get_queryset().prefetch_related("tags")


class PublicImagesAPIViewSet(MediaTagsMixin, FindByIdMixin, ImagesAPIViewSet):
    base_serializer_class = PublicImageSerializer
    pagination_class = Pagination
    filter_backends = [FieldsFilter, OrderingFilter, BoundedSearchFilter]


class PublicDocumentsAPIViewSet(MediaTagsMixin, FindByIdMixin, DocumentsAPIViewSet):
    base_serializer_class = PublicDocumentSerializer
    pagination_class = Pagination
    filter_backends = [FieldsFilter, OrderingFilter, BoundedSearchFilter]


api_router = WagtailAPIRouter("wagtailapi")
api_router.register_endpoint("pages", PagesAPIViewSet)
api_router.register_endpoint("images", PublicImagesAPIViewSet)
api_router.register_endpoint("documents", PublicDocumentsAPIViewSet)
api_router.register_endpoint("sdgs", SDGsAPIViewSet)
api_router.register_endpoint("themes", ThemesAPIViewSet)
api_router.register_endpoint("preview", PreviewAPIViewSet)
api_router.register_endpoint("search", SearchAPIViewSet)
api_router.register_endpoint("certificates", CertificatesAPIViewSet)
api_router.register_endpoint("awards", AwardsAPIViewSet)
api_router.register_endpoint("peers", PeersAPIViewSet)
api_router.register_endpoint("exchanges", ExchangesAPIViewSet)


def exception_handler(exc, context):
    """DRF's errors in the API's shape, {"message": "…"} (REST_FRAMEWORK's EXCEPTION_HANDLER):
    a method the endpoint does not take, a bad Accept header…"""
    response = drf_exception_handler(exc, context)
    if response is not None and isinstance(response.data, dict) and "detail" in response.data:
        response.data = {"message": str(response.data["detail"])}
    return response
