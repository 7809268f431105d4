"""Headless preview: a partner front end shows an editor's draft through a signed, expiring
token for one revision; nothing else in the API ever returns a draft.

The editor opens "Headless preview" on a page in the admin (edit permission needed). The
platform signs {revision, page} with SECRET_KEY and either redirects to the partner's preview
address (HEADLESS_PREVIEW_URL, with {token}, {page_id} and {locale}) or shows the token and the
API address. The partner reads /api/v2/preview/?token=… within HEADLESS_PREVIEW_MAX_AGE seconds
and gets the revision in the same shape as /api/v2/pages/<id>/.
"""

from django.conf import settings
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _

from wagtail.api.v2.utils import BadRequestError
from wagtail.models import Page, Revision

from rest_framework import status
from rest_framework.response import Response

from cms.pages_api import PagesAPIViewSet

SALT = "cms.headless-preview"


def make_token(revision):
    return signing.dumps({"r": revision.pk, "p": int(revision.object_id)}, salt=SALT)


class PreviewTokenError(Exception):
    pass


def revision_from_token(token):
    try:
        data = signing.loads(token, salt=SALT, max_age=settings.HEADLESS_PREVIEW_MAX_AGE)
    except signing.SignatureExpired:
        raise PreviewTokenError(_("token: this preview link has expired")) from None
    except signing.BadSignature:
        raise PreviewTokenError(_("token: this is not a valid preview token")) from None
    revision = Revision.page_revisions.filter(pk=data.get("r"), object_id=str(data.get("p")))
    revision = revision.first()
    if revision is None:
        raise PreviewTokenError(_("token: the previewed version no longer exists"))
    return revision


class PreviewAPIViewSet(PagesAPIViewSet):
    """/api/v2/preview/?token=…: the page as it stands in the token's revision."""

    known_query_parameters = frozenset(["token", "fields"])

    def check_query_parameters(self, queryset):
        unknown = set(self.request.GET) - self.known_query_parameters
        if unknown:
            raise BadRequestError(
                _("query parameter is not an operation or a recognised field: %(names)s")
                % {"names": ", ".join(sorted(unknown))}
            )

    def preview_view(self, request):
        self.check_query_parameters(None)
        token = request.GET.get("token", "")
        if not token:
            raise BadRequestError(_("token: this parameter is required"))
        try:
            revision = revision_from_token(token)
        except PreviewTokenError as error:
            return Response({"message": str(error)}, status=status.HTTP_403_FORBIDDEN)
        self.action = "detail_view"
        self.preview_page = revision.as_object()
        serializer = self.get_serializer(self.preview_page)
        response = Response(serializer.data)
        response["Cache-Control"] = "private, no-store"
        return response

    def get_object(self):
        return self.preview_page

    @classmethod
    def get_urlpatterns(cls):
        return [path("", cls.as_view({"get": "preview_view"}), name="preview")]


def admin_preview(request, page_id):
    """The editor's way in: a token for the page's latest revision."""
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    revision = page.latest_revision
    if revision is None:
        raise Http404
    token = make_token(revision)
    if settings.HEADLESS_PREVIEW_URL:
        return redirect(
            settings.HEADLESS_PREVIEW_URL.format(
                token=token, page_id=page.pk, locale=page.locale.language_code
            )
        )
    api_url = request.build_absolute_uri(reverse("wagtailapi:preview:preview")) + f"?token={token}"
    return TemplateResponse(
        request,
        "cms/headless_preview.html",
        {
            "page": page,
            "token": token,
            "api_url": api_url,
            "minutes": settings.HEADLESS_PREVIEW_MAX_AGE // 60,
        },
    )
