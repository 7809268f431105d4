"""Translators start, update and submit the translations of their own language.

wagtail-localize's "Translate" and "Update translations" views need
wagtail_localize.submit_translation, which translator groups hold (cms.roles); they offer every
language and update every language at once. The views here are theirs, served at the same
addresses (knowledge.wagtail_hooks registers them first), limited for a user whose right comes
only from translator groups (knowledge.translators.submit_languages):
- "Translate" offers only the user's languages, and a snippet only if they may change the model;
- "Update translations" needs a translation into one of the user's languages, refreshes the
  source text and does not publish (the translator then submits the result for review).
Everyone else gets wagtail-localize's views unchanged.

Submitting for review and reviewing are the same for pages and for the reviewed translatable
snippets (knowledge.translation_review.reviewed_snippet_models), at their own addresses.
"""

from django import forms
from django.apps import apps
from django.contrib import messages
from django.contrib.admin.utils import quote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.fields import SynchronizedField, get_translatable_fields
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .review import (
    ReviewError,
    may_edit,
    review_actions,
    reviewed_snippet_models,
    submit_for_review,
    translation_of,
)
from .translators import submit_languages


class LanguageLimitedSubmitMixin:
    def get_form(self):
        form = super().get_form()
        languages = submit_languages(self.request.user)
        if languages is not None:
            field = form.fields["locales"]
            field.queryset = field.queryset.filter(language_code__in=languages)
            if len(field.queryset) < 2:
                form.fields["select_all"].widget = forms.HiddenInput()
        return form


class TranslatorSubmitPageTranslationView(LanguageLimitedSubmitMixin, SubmitPageTranslationView):
    pass


class TranslatorSubmitSnippetTranslationView(
    LanguageLimitedSubmitMixin, SubmitSnippetTranslationView
):
    def dispatch(self, request, *args, **kwargs):
        if submit_languages(request.user) is not None:
            model = self.get_object()._meta.model
            if not policy_registry.get_by_type(model).user_has_permission(request.user, "change"):
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class TranslatorUpdateTranslationsView(UpdateTranslationsView):
    def dispatch(self, request, *args, **kwargs):
        self.languages = submit_languages(request.user)
        if self.languages is not None:
            source = self.get_object()
            if not self.own_translations(source).exists():
                raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def own_translations(self, source):
        translations = source.translations.filter(enabled=True)
        return translations.filter(target_locale__language_code__in=self.languages)

    def get_form(self):
        form = super().get_form()
        if self.languages is not None:
            # Publishing would publish every language, without review.
            form.fields.pop("publish_translations", None)
            form.fields.pop("use_machine_translation", None)
        return form

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        if self.languages is not None:
            context["translations"] = [
                entry
                for entry in context["translations"]
                if entry["locale"].language_code in self.languages
            ]
        return context

    @transaction.atomic
    def form_valid(self, form):
        if self.languages is None:
            return super().form_valid(form)
        self.object.update_from_db()
        own = list(self.own_translations(self.object).select_related("target_locale"))
        self.components.save(self.object, sources_and_translations={self.object: own})
        messages.success(
            self.request,
            _(
                "The source text of “%(title)s” is updated. Translate what changed, then submit "
                "the translation for review."
            )
            % {"title": self.object.object_repr},
        )
        if len(own) == 1:
            target = own[0].get_target_instance()
            next_url = self.get_edit_url(target)
            if next_url:
                return redirect(next_url)
        return redirect(self.get_success_url() or reverse("knowledge_translation_desk"))


def _translated_page(page_id):
    return get_object_or_404(Page, pk=page_id).specific


def _translated_snippet(app_label, model_name, pk):
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        raise Http404 from None
    if model not in reviewed_snippet_models():
        raise Http404
    return get_object_or_404(model, pk=pk)


def edit_url(obj):
    if isinstance(obj, Page):
        return reverse("wagtailadmin_pages:edit", args=[obj.pk])
    return reverse(obj.snippet_viewset.get_url_name("edit"), args=[quote(obj.pk)])


def workflow_action_url(obj, action, task_state):
    if isinstance(obj, Page):
        name = "wagtailadmin_pages:workflow_action"
    else:
        name = obj.snippet_viewset.get_url_name("workflow_action")
    return reverse(name, args=[quote(obj.pk), action, task_state.pk])


def title_of(obj):
    return obj.get_admin_display_title() if isinstance(obj, Page) else str(obj)


@require_http_methods(["GET", "POST"])
def submit_for_review_view(request, page_id):
    return _submit(request, _translated_page(page_id))


@require_http_methods(["GET", "POST"])
def submit_snippet_for_review_view(request, app_label, model_name, pk):
    return _submit(request, _translated_snippet(app_label, model_name, pk))


def review_view(request, page_id):
    return _review(request, _translated_page(page_id))


def review_snippet_view(request, app_label, model_name, pk):
    return _review(request, _translated_snippet(app_label, model_name, pk))


def _submit(request, obj):
    """Confirm, then send the translation of a page or snippet to review."""
    if not may_edit(request.user, obj) or translation_of(obj) is None:
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        try:
            submit_for_review(obj, request.user)
        except ReviewError as refusal:
            error = str(refusal)
        else:
            messages.success(
                request,
                _("“%(title)s” is submitted for review in %(language)s.")
                % {"title": title_of(obj), "language": obj.locale.get_display_name()},
            )
            return redirect(_desk_url(obj))
    return TemplateResponse(
        request,
        "knowledge/admin/translation_submit.html",
        {
            "object": obj,
            "title": title_of(obj),
            "edit_url": edit_url(obj),
            "error": error,
            "header_title": _("Submit the translation for review"),
        },
        status=409 if error else 200,
    )


def _review(request, obj):
    """What a reviewer needs: the draft in review, the changes since the live version, and
    Approve / Request changes (posted to Wagtail's own workflow action view)."""
    actions = review_actions(obj, request.user)
    if not actions:
        raise PermissionDenied
    workflow_state = obj.current_workflow_state
    task_state = workflow_state.current_task_state
    is_page = isinstance(obj, Page)
    return TemplateResponse(
        request,
        "knowledge/admin/translation_review.html",
        {
            "object": obj,
            "title": title_of(obj),
            "is_page": is_page,
            "edit_url": edit_url(obj),
            "reject_url": workflow_action_url(obj, "reject", task_state),
            "approve_url": workflow_action_url(obj, "approve", task_state),
            "changes": [] if is_page else snippet_changes(obj, task_state),
            "workflow_state": workflow_state,
            "task_state": task_state,
            "may_approve": any(name == "approve" for name, _label, _modal in actions),
            "next_url": _desk_url(obj),
            "header_title": _("Review the translation"),
        },
    )


def translated_values(obj):
    """[(label, text)] of the translated (not synchronised) fields of a snippet, its inline
    items' joined into one."""
    values = []
    for field in get_translatable_fields(type(obj)):
        if isinstance(field, SynchronizedField):
            continue
        model_field = type(obj)._meta.get_field(field.field_name)
        if model_field.one_to_many:
            children = getattr(obj, field.field_name).all()
            text = "; ".join(
                " ".join(value for _label, value in translated_values(child)) for child in children
            )
            label = model_field.related_model._meta.verbose_name_plural
        else:
            text = str(getattr(obj, field.field_name) or "")
            label = model_field.verbose_name
        values.append((str(label), text))
    return values


def snippet_changes(obj, task_state):
    """[(label, live text, text in review)] of a snippet in review."""
    draft = task_state.revision.as_object() if task_state.revision_id else obj
    live = dict(translated_values(obj)) if obj.live else {}
    return [(label, live.get(label, ""), text) for label, text in translated_values(draft)]


def _desk_url(page):
    return f"{reverse('knowledge_translation_desk')}?language={page.locale.language_code}"
