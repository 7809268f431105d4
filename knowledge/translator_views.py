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
"""

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.views.submit_translations import (
    SubmitPageTranslationView,
    SubmitSnippetTranslationView,
)
from wagtail_localize.views.update_translations import UpdateTranslationsView

from .translation_review import ReviewError, review_actions, submit_for_review, translation_of
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


def _translated_page(request, page_id):
    page = get_object_or_404(Page, pk=page_id).specific
    if not page.permissions_for_user(request.user).can_edit():
        raise PermissionDenied
    return page


@require_http_methods(["GET", "POST"])
def submit_for_review_view(request, page_id):
    """Confirm, then send the translation of a page to review."""
    page = _translated_page(request, page_id)
    if translation_of(page) is None:
        raise PermissionDenied
    error = ""
    if request.method == "POST":
        try:
            submit_for_review(page, request.user)
        except ReviewError as refusal:
            error = str(refusal)
        else:
            messages.success(
                request,
                _("“%(title)s” is submitted for review in %(language)s.")
                % {"title": page.title, "language": page.locale.get_display_name()},
            )
            return redirect(_desk_url(page))
    return TemplateResponse(
        request,
        "knowledge/admin/translation_submit.html",
        {"page": page, "error": error, "header_title": _("Submit the translation for review")},
        status=409 if error else 200,
    )


def review_view(request, page_id):
    """What a reviewer needs: the draft in review, the changes since the live version, and
    Approve / Request changes (posted to Wagtail's own workflow action view)."""
    page = get_object_or_404(Page, pk=page_id).specific
    actions = review_actions(page, request.user)
    if not actions:
        raise PermissionDenied
    workflow_state = page.current_workflow_state
    task_state = workflow_state.current_task_state
    return TemplateResponse(
        request,
        "knowledge/admin/translation_review.html",
        {
            "page": page,
            "workflow_state": workflow_state,
            "task_state": task_state,
            "may_approve": any(name == "approve" for name, _label, _modal in actions),
            "next_url": _desk_url(page),
            "header_title": _("Review the translation"),
        },
    )


def _desk_url(page):
    return f"{reverse('knowledge_translation_desk')}?language={page.locale.language_code}"
