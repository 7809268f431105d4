"""The exchanges on other apps' pages: My City's section, the outcomes on initiative pages, and
the partners' list in the admin."""

from django.template.loader import render_to_string
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.models import Locale

from knowledge.members import membership as members

from .admin_views import can_view_shared, shared_exchanges
from .models import Exchange, PartnerCity, city_pages, initiative_pages
from .partner_admin import PartnerAccountViewSet
from .partners import account_of, partners_by_key

MY_CITY_ROWS = 50


@hooks.register("my_city_dashboard_sections")
def exchanges_section(request, membership):
    """The city's exchanges, open and done, with a link to start one."""
    locale = Locale.get_active()
    exchanges = list(
        Exchange.objects.involving(membership.city_key).order_by("-updated_at")[:MY_CITY_ROWS]
    )
    keys = set()
    for exchange in exchanges:
        keys |= exchange.city_keys()
    sides = {
        **city_pages(keys, locale),
        **partners_by_key({exchange.partner_key for exchange in exchanges}, locale),
    }
    initiatives = initiative_pages({exchange.initiative_key for exchange in exchanges}, locale)
    rows = [
        {
            "exchange": exchange,
            "other_city": sides.get(
                exchange.partner_key or exchange.other_city_key(membership.city_key)
            ),
            "incoming": exchange.receiving_city_key == membership.city_key,
            "initiative": initiatives.get(exchange.initiative_key),
        }
        for exchange in exchanges
    ]
    return render_to_string(
        "exchanges/includes/my_city_section.html", {"rows": rows}, request=request
    )


@hooks.register("my_city_dashboard_sections")
def partners_section(request, membership):
    """The partners that asked to follow the city's exchanges, with the city's consent."""
    links = list(PartnerCity.objects.filter(city_key=membership.city_key).order_by("pk"))
    if not links:
        return None
    partners = partners_by_key({link.partner_key for link in links}, Locale.get_active())
    rows = [{"link": link, "partner": partners.get(link.partner_key)} for link in links]
    return render_to_string(
        "exchanges/includes/my_city_partners.html", {"rows": rows}, request=request
    )


@hooks.register("my_city_elsewhere")
def partners_area(request):
    """A partner's account signs in to the partners' area, not to My City's refusal."""
    if account_of(request.user) is not None:
        return reverse("partners_area:index")
    return None


@hooks.register("partner_page_sections")
def contact_partner(request, page):
    """'Contact this partner' for signed-in city members."""
    if request is None or members.membership_of(request.user) is None:
        return None
    return render_to_string(
        "exchanges/includes/contact_partner.html", {"partner": page}, request=request
    )


def replications(page):
    """[{"exchange", "city"}] of the done exchanges with an outcome about the initiative `page`;
    `city` is the city that is not the initiative's own (where it was replicated)."""
    exchanges = list(
        Exchange.objects.replications()
        .filter(initiative_key=page.translation_key)
        .order_by("-outcome_year", "-closed_at")
    )
    if not exchanges:
        return []
    own_key = page.city.translation_key if getattr(page, "city", None) else None
    keys = set()
    for exchange in exchanges:
        keys |= exchange.city_keys()
    cities = city_pages(keys, page.locale)
    return [
        {
            "exchange": exchange,
            "city": cities.get(
                exchange.other_city_key(own_key)
                if own_key in exchange.city_keys()
                else exchange.requesting_city_key
            ),
        }
        for exchange in exchanges
    ]


@hooks.register("initiative_page_sections")
def initiative_replications(request, page):
    rows = replications(page)
    if not rows:
        return None
    return render_to_string(
        "exchanges/includes/initiative_replications.html", {"rows": rows}, request=request
    )


@hooks.register("register_admin_urls")
def register_admin_urls():
    return [path("exchanges/shared/", shared_exchanges, name="exchanges_shared")]


class SharedExchangesMenuItem(MenuItem):
    def is_shown(self, request):
        return can_view_shared(request.user)


@hooks.register("register_admin_menu_item")
def register_shared_menu_item():
    return SharedExchangesMenuItem(
        _("Shared exchanges"), reverse("exchanges_shared"), icon_name="group", order=380
    )


@hooks.register("register_admin_viewset")
def register_partner_accounts():
    return PartnerAccountViewSet("partner_accounts")
