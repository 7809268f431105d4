"""Admin screens for the taxonomies, grouped under "Knowledge base" in the menu."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from .models import SDGTarget, SustainableDevelopmentGoal, Theme


class GoalViewSet(SnippetViewSet):
    model = SustainableDevelopmentGoal
    icon = "globe"
    menu_label = _("SDGs")
    list_display = ["number", "short_title", "color", "locale"]
    search_fields = ["short_title", "title"]
    ordering = ["number"]


class TargetViewSet(SnippetViewSet):
    model = SDGTarget
    icon = "list-ul"
    menu_label = _("SDG targets")
    list_display = ["code", "text", "locale"]
    list_filter = ["goal__number"]
    search_fields = ["code", "text"]
    ordering = ["sort_order"]


class ThemeViewSet(SnippetViewSet):
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
