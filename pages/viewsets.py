"""Admin screens for the navigation menus."""

from django.utils.translation import gettext_lazy as _

from wagtail.snippets.views.snippets import SnippetViewSet

from .models import NavigationMenu


class NavigationMenuViewSet(SnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Menus")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "slot", "locale"]
