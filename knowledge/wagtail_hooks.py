from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.permissions import register_permission_policy
from wagtail.snippets.models import register_snippet

from .community import queue as comment_queue
from .community.dashboard import waiting
from .languages import translator_views as views
from .languages.desk import desk_languages
from .languages.panels import TranslationDeskPanel
from .languages.review import reviewed_snippet_models, translation_of
from .languages.state import translation_state
from .languages.translator_views import (
    review_snippet_view,
    review_view,
    submit_for_review_view,
    submit_snippet_for_review_view,
)
from .languages.translators import register_translator_policy, reviewer_languages
from .languages.views import out_of_date_report, translation_desk_view
from .members import registrations as registration_admin
from .members.membership_admin import membership_viewset
from .models import SDGTarget, SustainableDevelopmentGoal, Theme
from .permissions import drafts_hidden_from
from .taxonomy.viewsets import KnowledgeViewSetGroup

# Policies first: registering a viewset creates a default policy for a model that has none.
for model in (SustainableDevelopmentGoal, SDGTarget, Theme):
    register_translator_policy(model)
register_snippet(KnowledgeViewSetGroup)
# The moderation queues.
for queue in (registration_admin, comment_queue):
    register_permission_policy(queue.policy.model, queue.policy)
register_snippet(registration_admin.RegistrationViewSet)
register_snippet(comment_queue.CommentViewSet)
for bulk_action in (
    registration_admin.ApproveRegistrationsBulkAction,
    registration_admin.DeclineRegistrationsBulkAction,
    comment_queue.ApproveCommentsBulkAction,
    comment_queue.HideCommentsBulkAction,
    comment_queue.TrustCommentersBulkAction,
    comment_queue.DistrustCommentersBulkAction,
):
    hooks.register("register_bulk_action", bulk_action)


@hooks.register("register_log_actions")
def register_knowledge_log_actions(actions):
    actions.register_action(
        "knowledge.decline", _("Decline initiative"), _("Initiative declined for good")
    )
    actions.register_action(
        "knowledge.registration_approved", _("Approve registration"), _("Registration approved")
    )
    actions.register_action(
        "knowledge.registration_declined", _("Decline registration"), _("Registration declined")
    )
    actions.register_action(
        "knowledge.membership_deactivated", _("Deactivate member"), _("Member deactivated")
    )
    actions.register_action(
        "knowledge.comment_published", _("Publish comment"), _("Comment published")
    )
    actions.register_action("knowledge.comment_hidden", _("Hide comment"), _("Comment hidden"))
    actions.register_action(
        "knowledge.commenter_trusted", _("Trust the author"), _("Author trusted")
    )
    actions.register_action(
        "knowledge.commenter_distrusted",
        _("Stop trusting the author"),
        _("Author no longer trusted"),
    )


@hooks.register("register_admin_urls")
def register_translation_report_url():
    from django.urls import path

    return [
        path(
            "reports/out-of-date-translations/",
            out_of_date_report,
            name="knowledge_out_of_date_translations",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_translation_report_menu_item():
    from django.urls import reverse

    from wagtail.admin.menu import MenuItem

    return MenuItem(
        _("Out-of-date translations"),
        reverse("knowledge_out_of_date_translations"),
        icon_name="globe",
        order=710,
    )


@hooks.register("before_edit_page")
def warn_when_translation_is_out_of_date(request, page):
    """The editor of a translation says when its source changed since it was last updated."""
    if request.method != "GET":
        return None
    from django.contrib import messages
    from django.urls import reverse
    from django.utils.html import format_html

    state = translation_state(page)
    if state is not None and not state.up_to_date:
        messages.warning(
            request,
            format_html(
                '{} <a href="{}">{}</a>',
                _("This translation is out of date: its source has changed since."),
                reverse("wagtail_localize:update_translations", args=[state.source_id]),
                _("Update it from the source"),
            ),
        )
    return None


def _refuse_publishing(request, page):
    from django.http import HttpResponseForbidden

    message = _("This page goes through moderation: you may not publish it.")
    return HttpResponseForbidden(message, content_type="text/plain; charset=utf-8")


@hooks.register("before_edit_page")
def refuse_publish_without_permission(request, page):
    """A publish posted to the page editor (Wagtail's, or wagtail-localize's translation editor)
    by someone who may not publish the page is refused outright, instead of being saved as a
    draft: only moderators publish what goes through moderation (knowledge.permissions)."""
    if request.method != "POST":
        return None
    publishing = "action-publish" in request.POST or request.POST.get("action") == "publish"
    if publishing and not page.permissions_for_user(request.user).can_publish():
        return _refuse_publishing(request, page)
    return None


@hooks.register("before_bulk_action")
def refuse_bulk_publish_without_permission(request, action_type, objects, action_view):
    """Bulk publishing that names a page the user may not publish is refused as a whole."""
    from wagtail.models import Page

    if action_type != "publish" or not issubclass(action_view.model, Page):
        return None
    requested = {value for value in request.GET.getlist("id") if value.isdigit()}
    allowed = {str(page.pk) for page in objects}
    if requested - allowed:
        page = Page.objects.filter(pk__in=requested - allowed).first()
        return _refuse_publishing(request, page)
    return None


@hooks.register("construct_page_chooser_queryset")
def hide_drafts_from_chooser(pages, request):
    """Choosers (browse and search) list other people's drafts only to those who may edit them:
    a city's contributors do not see other cities' unpublished initiatives."""
    return drafts_hidden_from(request.user, pages)


@hooks.register("construct_explorer_page_queryset")
def hide_drafts_from_explorer(parent_page, pages, request):
    return drafts_hidden_from(request.user, pages)


@hooks.register("register_admin_urls", order=-1)
def register_translator_localize_urls():
    """wagtail-localize's "Translate" and "Update translations", limited to a translator's
    language (knowledge.languages.translator_views); registered before wagtail-localize's own, at
    the same addresses, so that they answer."""
    from django.urls import path

    return [
        path(
            "localize/submit/page/<int:page_id>/",
            views.TranslatorSubmitPageTranslationView.as_view(),
            name="knowledge_submit_page_translation",
        ),
        path(
            "localize/submit/snippet/<slug:app_label>/<slug:model_name>/<str:pk>/",
            views.TranslatorSubmitSnippetTranslationView.as_view(),
            name="knowledge_submit_snippet_translation",
        ),
        path(
            "localize/update/<int:translation_source_id>/",
            views.TranslatorUpdateTranslationsView.as_view(),
            name="knowledge_update_translations",
        ),
    ]


@hooks.register("register_admin_urls")
def register_translation_desk_urls():
    from django.urls import path

    snippet = "translations/snippets/<slug:app_label>/<slug:model_name>/<str:pk>"
    return [
        path("translations/", translation_desk_view, name="knowledge_translation_desk"),
        path(
            "translations/<int:page_id>/submit/",
            submit_for_review_view,
            name="knowledge_translation_submit",
        ),
        path(
            "translations/<int:page_id>/review/",
            review_view,
            name="knowledge_translation_review",
        ),
        path(
            f"{snippet}/submit/",
            submit_snippet_for_review_view,
            name="knowledge_snippet_translation_submit",
        ),
        path(
            f"{snippet}/review/",
            review_snippet_view,
            name="knowledge_snippet_translation_review",
        ),
    ]


@hooks.register("register_admin_menu_item")
def register_translation_desk_menu_item():
    from django.urls import reverse

    from wagtail.admin.menu import MenuItem

    class DeskMenuItem(MenuItem):
        def is_shown(self, request):
            return bool(desk_languages(request.user))

    return DeskMenuItem(
        _("Translation desk"), reverse("knowledge_translation_desk"), icon_name="globe", order=370
    )


@hooks.register("construct_homepage_panels")
def add_translation_desk_panel(request, panels):
    """Translators and reviewers find their languages' desk on the dashboard."""
    if reviewer_languages(request.user):
        panels.insert(0, TranslationDeskPanel(request.user))


@hooks.register("before_edit_page")
def point_translators_to_review(request, page):
    """The translation editor tells a translator who cannot publish how their work goes live,
    and where it stands in review."""
    if request.method != "GET" or page.permissions_for_user(request.user).can_publish():
        return None
    from django.urls import reverse

    return _point_to_review(request, page, reverse("knowledge_translation_submit", args=[page.pk]))


@hooks.register("before_edit_snippet")
def point_snippet_translators_to_review(request, instance):
    """The same for the reviewed translatable snippets (knowledge.languages.review)."""
    if request.method != "GET":
        return None
    from django.contrib.admin.utils import quote
    from django.urls import reverse

    from wagtail.permissions import policy_registry

    model = type(instance)
    if model not in reviewed_snippet_models():
        return None
    if policy_registry.get_by_type(model).user_has_permission(request.user, "publish"):
        return None
    meta = model._meta
    url = reverse(
        "knowledge_snippet_translation_submit",
        args=[meta.app_label, meta.model_name, quote(instance.pk)],
    )
    return _point_to_review(request, instance, url)


def _point_to_review(request, obj, submit_url):
    from django.contrib import messages
    from django.utils.html import format_html

    if translation_of(obj) is None:
        return None
    state = obj.current_workflow_state
    if state is not None and state.status == state.STATUS_IN_PROGRESS:
        messages.info(request, _("This translation is waiting for review."))
        return None
    if state is not None and state.status == state.STATUS_NEEDS_CHANGES:
        task_state = state.current_task_state
        comment = task_state.specific.get_comment() if task_state else ""
        messages.warning(request, _("Changes requested: %(comment)s") % {"comment": comment})
    messages.info(
        request,
        format_html(
            '{} <a href="{}">{}</a>',
            _("When the translation is ready, submit it for review: it goes live once approved."),
            submit_url,
            _("Submit for review"),
        ),
    )
    return None


@hooks.register("waiting_for_user")
def waiting_in_the_knowledge_base(request):
    return waiting(request)


@hooks.register("register_admin_viewset")
def register_membership_viewset():
    return membership_viewset
