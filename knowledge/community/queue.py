"""The moderators' comment queue in the Wagtail admin, a snippet viewset: comments filtered by
status (waiting ones first, with how many are in each), city, language and date, searched by
text and author; one-click approve, hide and trust on each row, the same as bulk actions on the
selected rows; delete for those allowed to; and each comment's history. Its menu entry says how
many comments wait."""

from django.conf import settings
from django.contrib import messages
from django.db.models import Exists, OuterRef, Prefetch
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import get_language_info, gettext_lazy, ngettext
from django.utils.translation import gettext as _

from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import Column, TitleColumn
from wagtail.admin.utils import get_valid_next_url_from_request
from wagtail.snippets.views.snippets import SnippetViewSet

from ..members.queues import (
    QueueBulkAction,
    QueueFilterSet,
    QueueHistoryView,
    QueuePermissionPolicy,
    RowActionsColumn,
    WaitingFirstIndexView,
    logged_apart,
)
from ..models import CommentReport, InitiativeComment, InitiativePage, TrustedCommenter
from . import services

Status = InitiativeComment.Status
# The statuses in the filter, the ones that need a moderator first.
STATUSES = [Status.PENDING, Status.REPORTED, Status.PUBLISHED, Status.HIDDEN]
policy = QueuePermissionPolicy(InitiativeComment, can_delete=True)


class CommentFilterSet(QueueFilterSet):
    date_label = gettext_lazy("Posted")

    class Meta:
        model = InitiativeComment
        fields = []

    def statuses(self):
        return [(value, Status(value).label) for value in STATUSES]

    def filter_city(self, queryset, name, value):
        initiatives = InitiativePage.objects.filter(city__translation_key=value)
        return queryset.filter(page__translation_key__in=initiatives.values("translation_key"))


class CommentTitleColumn(TitleColumn):
    """The comment's text, marked with the language it is written in."""

    cell_template_name = "knowledge/admin/comment_title_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        if instance.language in dict(settings.LANGUAGES):
            info = get_language_info(instance.language)
            context["text_direction"] = "rtl" if info["bidi"] else "ltr"
            context["language_name"] = info["name_translated"]
        return context


class AuthorColumn(Column):
    cell_template_name = "knowledge/admin/comment_author_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["author_name"] = services.display_name(instance.author)
        return context


def row_actions(comment):
    actions = []
    if comment.status != Status.PUBLISHED:
        actions.append(("approve", _("Approve"), True))
    if comment.status != Status.HIDDEN:
        actions.append(("hide", _("Hide"), False))
    if comment.author_id and comment.author_trusted:
        actions.append(("distrust", _("Stop trusting the author"), False))
    elif comment.author_id:
        actions.append(("trust", _("Trust the author"), False))
    return actions


class PageColumn(Column):
    cell_template_name = "knowledge/admin/comment_page_cell.html"


class ReportsColumn(Column):
    cell_template_name = "knowledge/admin/comment_reports_cell.html"


class CommentIndexView(WaitingFirstIndexView):
    """Comments waiting for a moderator until another status (or "All") is chosen."""

    waiting_status = Status.PENDING

    def get_base_queryset(self):
        return (
            super()
            .get_base_queryset()
            .select_related("author", "author__registration", "page")
            .annotate(
                author_trusted=Exists(TrustedCommenter.objects.filter(user=OuterRef("author")))
            )
            .prefetch_related(
                Prefetch("reports", queryset=CommentReport.objects.order_by("-created_at"))
            )
        )

    def _get_title_column(self, field_name, column_class=CommentTitleColumn, **kwargs):
        return super()._get_title_column(field_name, column_class, **kwargs)


class CommentsMenuItem(MenuItem):
    def is_shown(self, request):
        return policy.user_has_permission(request.user, "view")

    def render_component(self, request):
        # The label carries how many comments wait for a moderator.
        counts = services.queue_counts()
        waiting = counts[Status.PENDING] + counts[Status.REPORTED]
        component = super().render_component(request)
        if waiting:
            component.label = _("Comments (%(count)s)") % {"count": waiting}
        return component


class CommentViewSet(SnippetViewSet):
    model = InitiativeComment
    icon = "comment"
    menu_label = gettext_lazy("Comments")
    menu_order = 360
    add_to_admin_menu = True
    url_prefix = "comments"
    url_namespace = "knowledge_comments"
    index_view_class = CommentIndexView
    inspect_view_enabled = True
    history_view_class = QueueHistoryView
    inspect_view_fields = [
        "body",
        "language",
        "status",
        "author",
        "page",
        "created_at",
        "moderated_at",
        "moderated_by",
    ]
    filterset_class = CommentFilterSet
    search_fields = ["body", "author__email", "author__first_name", "author__last_name"]
    ordering = ["-created_at", "-pk"]
    list_per_page = 50

    @property
    def list_display(self):
        return [
            "body",
            AuthorColumn("author", label=gettext_lazy("Author")),
            PageColumn("page", label=gettext_lazy("Initiative")),
            ReportsColumn("reports", accessor="pk", label=gettext_lazy("Reports")),
            RowActionsColumn(
                "actions", InitiativeComment, row_actions, label=gettext_lazy("Actions")
            ),
        ]

    def get_menu_item(self, order=None):
        return CommentsMenuItem(
            label=self.menu_label,
            url=self.menu_url,
            name=self.menu_name,
            icon_name=self.menu_icon,
            order=self.get_menu_item_order(order),
        )


# Bulk actions (also behind the buttons on each row)


class CommentBulkAction(QueueBulkAction):
    models = [InitiativeComment]

    @classmethod
    def get_queryset(cls, model, object_ids):
        return list(InitiativeComment.objects.filter(pk__in=object_ids).select_related("author"))

    def inspect_url(self, comment):
        return reverse("knowledge_comments:inspect", args=[comment.pk])


class ApproveCommentsBulkAction(CommentBulkAction):
    display_name = gettext_lazy("Approve")
    action_type = "approve"
    aria_label = gettext_lazy("Publish the selected comments")
    question = gettext_lazy("Publish these comments?")
    action_priority = 10

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for comment in logged_apart(objects, user):
            services.moderate(comment, user, Status.PUBLISHED)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects == 1:
            return _("The comment is published.")
        return ngettext(
            "%(count)d comment is published.",
            "%(count)d comments are published.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class HideCommentsBulkAction(CommentBulkAction):
    display_name = gettext_lazy("Hide")
    action_type = "hide"
    aria_label = gettext_lazy("Hide the selected comments")
    question = gettext_lazy("Hide these comments? Hiding can be undone by approving them.")
    action_priority = 20

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        for comment in logged_apart(objects, user):
            services.moderate(comment, user, Status.HIDDEN)
        return len(objects), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        if num_parent_objects == 1:
            return _("The comment is hidden.")
        return ngettext(
            "%(count)d comment is hidden.",
            "%(count)d comments are hidden.",
            num_parent_objects,
        ) % {"count": num_parent_objects}


class TrustCommentersBulkAction(CommentBulkAction):
    display_name = gettext_lazy("Trust the authors")
    action_type = "trust"
    aria_label = gettext_lazy("Publish the authors' future comments without moderation")
    question = gettext_lazy(
        "Publish future comments by the authors of these comments without moderation?"
    )
    no_access_message = gettext_lazy("The authors of these comments have deleted their account:")
    trusted = True
    action_priority = 40

    def check_perm(self, comment):
        return comment.author_id is not None

    def prepare_action(self, objects, objects_without_access):
        if not objects:
            messages.error(self.request, _("The author of this comment has deleted their account."))
            # Back to where the moderator came from, else the queue (the action's own address
            # without the ids would find nothing).
            target = get_valid_next_url_from_request(self.request)
            return redirect(target or reverse("knowledge_comments:list"))
        return None

    @classmethod
    def execute_action(cls, objects, user=None, **kwargs):
        authors = {comment.author_id: comment.author for comment in objects}
        for author in authors.values():
            services.set_trusted(author, user, cls.trusted)
        for comment in logged_apart(objects, user):
            services.log_trust(comment, user, cls.trusted)
        return len(authors), 0

    def get_success_message(self, num_parent_objects, num_child_objects):
        names = ", ".join(
            sorted({str(services.display_name(c.author)) for c in self.actionable_objects})
        )
        return _("Comments by %(name)s are now published without moderation.") % {"name": names}


class DistrustCommentersBulkAction(TrustCommentersBulkAction):
    display_name = gettext_lazy("Stop trusting the authors")
    action_type = "distrust"
    aria_label = gettext_lazy("Send the authors' future comments to moderation again")
    question = gettext_lazy("Send future comments by the authors of these comments to a moderator?")
    trusted = False
    action_priority = 50

    def get_success_message(self, num_parent_objects, num_child_objects):
        names = ", ".join(
            sorted({str(services.display_name(c.author)) for c in self.actionable_objects})
        )
        return _("Comments by %(name)s wait for a moderator again.") % {"name": names}
