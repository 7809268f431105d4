"""The moderators' comment queue in the Wagtail admin: comments by state with counts, and
approve, hide, delete and trust actions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from ..models import CommentReport, InitiativeComment, TrustedCommenter
from . import services

Status = InitiativeComment.Status
# The tabs of the queue, the ones that need a moderator first.
TABS = [Status.PENDING, Status.REPORTED, Status.PUBLISHED, Status.HIDDEN]
PER_PAGE = 50


def _require(request, permission=services.MODERATE_PERMISSION):
    if not request.user.has_perm(permission):
        raise PermissionDenied


def _back(request):
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
        return redirect(target)
    return redirect("knowledge_comments:index")


def index(request):
    _require(request)
    status = request.GET.get("status", Status.PENDING)
    if status not in Status.values:
        status = Status.PENDING
    counts = services.queue_counts()
    comments = (
        InitiativeComment.objects.filter(status=status)
        .select_related("author", "author__registration", "page")
        .prefetch_related(
            Prefetch("reports", queryset=CommentReport.objects.order_by("-created_at"))
        )
        .order_by("-created_at", "-pk")
    )
    page = Paginator(comments, PER_PAGE).get_page(request.GET.get("p"))
    trusted = set(
        TrustedCommenter.objects.filter(
            user_id__in={comment.author_id for comment in page}
        ).values_list("user_id", flat=True)
    )
    for comment in page:
        comment.author_name = services.display_name(comment.author)
        comment.author_trusted = comment.author_id in trusted
    return TemplateResponse(
        request,
        "knowledge/admin/comments.html",
        {
            "comments": page,
            "status": status,
            "tabs": [(value, Status(value).label, counts[value]) for value in TABS],
            "header_title": gettext_lazy("Comments"),
            "can_delete": request.user.has_perm(services.DELETE_PERMISSION),
        },
    )


@require_POST
def act(request, pk, action):
    _require(request)
    comment = get_object_or_404(InitiativeComment.objects.select_related("author"), pk=pk)
    if action == "approve":
        services.moderate(comment, request.user, Status.PUBLISHED)
        messages.success(request, _("The comment is published."))
    elif action == "hide":
        services.moderate(comment, request.user, Status.HIDDEN)
        messages.success(request, _("The comment is hidden."))
    elif action in ("trust", "distrust") and comment.author is None:
        messages.error(request, _("The author of this comment has deleted their account."))
    elif action in ("trust", "distrust"):
        services.set_trusted(comment.author, request.user, action == "trust")
        if action == "trust":
            message = _("Comments by %(name)s are now published without moderation.")
        else:
            message = _("Comments by %(name)s wait for a moderator again.")
        messages.success(request, message % {"name": services.display_name(comment.author)})
    else:
        raise PermissionDenied
    return _back(request)


def delete(request, pk):
    _require(request, services.DELETE_PERMISSION)
    comment = get_object_or_404(InitiativeComment.objects.select_related("author", "page"), pk=pk)
    if request.method == "POST":
        comment.delete()
        messages.success(request, _("The comment was deleted."))
        return _back(request)
    return TemplateResponse(
        request,
        "knowledge/admin/comment_delete.html",
        {
            "comment": comment,
            "author_name": services.display_name(comment.author),
            "header_title": gettext_lazy("Delete comment"),
            "next": request.GET.get("next", reverse("knowledge_comments:index")),
        },
    )


urlpatterns = [
    path("", index, name="index"),
    path("<int:pk>/delete/", delete, name="delete"),
    path("<int:pk>/<str:action>/", act, name="act"),
]
