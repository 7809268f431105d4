from wagtail import hooks
from wagtail.snippets.models import register_snippet

from knowledge.languages.translators import register_translator_policy

from .models import NavigationMenu, PartnerPage
from .viewsets import NavigationMenuViewSet

# Before the viewset, which would otherwise create a default policy for the model.
register_translator_policy(NavigationMenu)
register_snippet(NavigationMenuViewSet)


@hooks.register("exchanges_partner_pages")
def exchanges_partner_pages():
    """The partners cities can open exchanges with (exchanges names them by translation key)."""
    return PartnerPage.objects.live().public()
