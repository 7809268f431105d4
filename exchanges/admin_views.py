"""Partners' view of the network in the admin: only the exchanges one of the two cities agreed
to share (Exchange.shared_with_partners), for holders of the `exchanges.view_exchange`
permission (given to partner organisations' accounts by a group)."""

from django.core.exceptions import PermissionDenied
from django.shortcuts import render
from django.utils.translation import gettext as _

from wagtail.models import Locale

from .models import Exchange, city_pages

VIEW_PERMISSION = "exchanges.view_exchange"


def can_view_shared(user):
    return user.is_active and user.has_perm(VIEW_PERMISSION)


def shared_exchanges(request):
    if not can_view_shared(request.user):
        raise PermissionDenied
    locale = Locale.get_active()
    exchanges = list(
        Exchange.objects.filter(shared_with_partners=True)
        .prefetch_related("messages")
        .order_by("-updated_at")[:200]
    )
    keys = set()
    for exchange in exchanges:
        keys |= exchange.city_keys()
    cities = city_pages(keys, locale)
    rows = [
        {
            "exchange": exchange,
            "requesting_city": cities.get(exchange.requesting_city_key),
            "receiving_city": cities.get(exchange.receiving_city_key),
        }
        for exchange in exchanges
    ]
    return render(
        request,
        "exchanges/admin/shared.html",
        {"rows": rows, "header_title": _("Exchanges shared with partners")},
    )
