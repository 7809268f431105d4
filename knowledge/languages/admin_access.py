"""Checks the admin's own views leave out, applied to the requests that reach them.

- wagtail-localize's translation editor: its endpoints (saving a string, an override, a PO file,
  machine translation, stopping the translation) check only that the user may edit some snippet
  of the model. The snippet's permission policy (knowledge.languages.translators) is applied to
  the row.
  Pages need nothing more: the editor checks their page permissions. Stopping a translation,
  which lets a page or snippet be edited apart from its source (synchronised fields included),
  needs wagtail_localize.submit_translation held for every language (not only through a
  translator group, knowledge.languages.translators.submit_languages).
- The page explorer (`/admin/pages/<id>/`) and the page chooser (`/admin/choose-page/<id>/`)
  show the title of any page whose id is asked for; a page that is not live and that the user
  may not edit is not found (knowledge.permissions.drafts_hidden_from, which the
  construct_page_chooser_queryset and construct_explorer_page_queryset hooks apply to the
  pages they list).

Goes in MIDDLEWARE after AuthenticationMiddleware.
"""

from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.http import Http404

from wagtail.models import Page
from wagtail.permissions import policy_registry
from wagtail_localize.models import Translation

from ..permissions import drafts_hidden_from
from .translators import submit_languages

# wagtail-localize's translation editor endpoints that change or stop a translation.
TRANSLATION_EDITOR_VIEWS = {
    "edit_string_translation",
    "edit_override",
    "download_pofile",
    "upload_pofile",
    "machine_translate",
    "stop_translation",
}
# Views that show the page whose id is in their address, with its children.
EXPLORER_VIEWS = {
    "wagtailadmin_explore",
    "wagtailadmin_explore_results",
    "wagtailadmin_choose_page_child",
}


class AdminPermissionMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_view(self, request, view_func, view_args, view_kwargs):
        match = request.resolver_match
        if match is None or not request.user.is_authenticated:
            return None
        if match.url_name in EXPLORER_VIEWS and not match.namespaces:
            check_explorer(request, view_args, view_kwargs)
        elif "wagtail_localize" in match.namespaces and match.url_name in TRANSLATION_EDITOR_VIEWS:
            check_translation_editor(request, match.url_name, view_kwargs)
        return None


def check_explorer(request, view_args, view_kwargs):
    page_id = view_kwargs.get("parent_page_id", view_args[0] if view_args else None)
    if page_id is None:
        return
    pages = Page.objects.filter(pk=page_id)
    if pages.exists() and not drafts_hidden_from(request.user, pages).exists():
        raise Http404


def check_translation_editor(request, url_name, view_kwargs):
    if url_name == "stop_translation" and submit_languages(request.user) is not None:
        raise PermissionDenied
    editing = Translation.objects.filter(pk=view_kwargs.get("translation_id")).first()
    if editing is None:
        return
    try:
        instance = editing.get_target_instance()
    except ObjectDoesNotExist:
        return
    if isinstance(instance, Page):
        return
    policy = policy_registry.get_by_type(type(instance))
    if not policy.user_has_permission_for_instance(request.user, "change", instance):
        raise PermissionDenied
