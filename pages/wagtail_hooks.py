from wagtail.snippets.models import register_snippet

from .viewsets import NavigationMenuViewSet

register_snippet(NavigationMenuViewSet)
