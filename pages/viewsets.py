"""Admin screens for the navigation menus."""

from django.utils.translation import gettext_lazy as _

from knowledge.taxonomy.viewsets import TranslatableSnippetViewSet

from .models import NavigationMenu


class NavigationMenuViewSet(TranslatableSnippetViewSet):
    model = NavigationMenu
    icon = "list-ul"
    menu_label = _("Menus")
    menu_order = 300
    add_to_admin_menu = True
    list_display = ["__str__", "slot", "locale"]
