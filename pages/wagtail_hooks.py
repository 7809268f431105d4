from wagtail.snippets.models import register_snippet

from knowledge.languages.translators import register_translator_policy

from .models import NavigationMenu
from .viewsets import NavigationMenuViewSet

# Before the viewset, which would otherwise create a default policy for the model.
register_translator_policy(NavigationMenu)
register_snippet(NavigationMenuViewSet)
