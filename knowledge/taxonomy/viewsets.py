"""Admin screens for the taxonomies, grouped under "Knowledge base" in the menu."""

from django.core.exceptions import PermissionDenied
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale
from wagtail.snippets.views import snippets
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from ..languages.translators import TranslatorFormMixin, translator_languages
from ..models import SDGTarget, SustainableDevelopmentGoal, Theme


def user_content_language(request):
    """The content language matching the admin's interface language (the user's preference,
    which the admin activates), if it has a locale; a translator's own language when the
    interface is in another one, since that is the only language they work in."""
    try:
        code = get_supported_content_language_variant(get_language())
    except LookupError:
        code = None
    own = sorted(translator_languages(request.user))
    if own and code not in own:
        code = own[0]
    return code if code and Locale.objects.filter(language_code=code).exists() else None


# The actions for which the listing shows a row (the index view's own requirement).
LISTING_ACTIONS = ["add", "change", "delete", "view"]


class UserLanguageIndexView(snippets.IndexView):
    """A translatable snippet listing in the user's language until another language (or "All")
    is chosen in the filters."""

    def get_filterset_kwargs(self):
        kwargs = super().get_filterset_kwargs()
        if self.i18n_enabled and "locale" not in self.request.GET:
            language = user_content_language(self.request)
            if language:
                data = self.request.GET.copy()
                data["locale"] = language
                kwargs["data"] = data
        return kwargs


class RowPermissionIndexView(UserLanguageIndexView):
    """Lists only the rows the user may act on, with edit and delete links only where allowed,
    in the user's language."""

    def get_base_queryset(self):
        permitted = self.permission_policy.instances_user_has_any_permission_for(
            self.request.user, LISTING_ACTIONS
        )
        return super().get_base_queryset().filter(pk__in=permitted.values("pk"))

    def get_edit_url(self, instance):
        if self.user_has_permission_for_instance("change", instance):
            return super().get_edit_url(instance)

    def get_delete_url(self, instance):
        if self.user_has_permission_for_instance("delete", instance):
            return super().get_delete_url(instance)


class RowPermissionMixin:
    """Checks the permission on the row itself: Wagtail's generic views check only the model."""

    def dispatch(self, request, *args, **kwargs):
        if not self.user_has_permission_for_instance(self.permission_required, self.object):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class RowPermissionEditView(RowPermissionMixin, TranslatorFormMixin, snippets.EditView):
    pass


class RowPermissionDeleteView(RowPermissionMixin, snippets.DeleteView):
    pass


class TranslatableSnippetViewSet(SnippetViewSet):
    """A snippet viewset whose permission policy is checked on each row, as
    knowledge.languages.translators.TranslatorPermissionPolicy (registered for the model)
    requires."""

    index_view_class = RowPermissionIndexView
    edit_view_class = RowPermissionEditView
    delete_view_class = RowPermissionDeleteView


class GoalViewSet(TranslatableSnippetViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"
    menu_label = _("SDGs")
    list_display = ["number", "short_title", "color", "locale"]
    search_fields = ["short_title", "title"]
    ordering = ["number"]


class TargetViewSet(TranslatableSnippetViewSet):
    model = SDGTarget
    icon = "list-ul"
    menu_label = _("SDG targets")
    list_display = ["code", "text", "locale"]
    list_filter = ["goal__number"]
    search_fields = ["code", "text"]
    ordering = ["sort_order"]


class ThemeViewSet(TranslatableSnippetViewSet):
    model = Theme
    icon = "tag"
    menu_label = _("Themes")
    list_display = ["title", "code", "locale"]
    search_fields = ["title", "code"]


class KnowledgeViewSetGroup(SnippetViewSetGroup):
    items = (GoalViewSet, TargetViewSet, ThemeViewSet)
    menu_icon = "globe"
    menu_label = _("Knowledge base")
    menu_name = "knowledge"
