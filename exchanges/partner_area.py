"""The partners' area (/<lang>/partners-area/exchanges/): the people who act for a partner
organisation answer the exchanges cities open with it (accept or decline, write, close with an
outcome), ask cities for consent to follow their exchanges, and read those exchanges while the
city consents.

Signed-in people without an active partner account get 403; an exchange the account may not see
is a 404, as if it did not exist; one it only follows is read-only (acting on it is a 404 too).
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from . import acting
from .forms import FollowCityForm
from .models import Exchange, PartnerCity, city_pages
from .partners import account_of, addressed_to, followed, partners_by_key
from .views import detail_context

ROWS = 50


def partner_required(view):
    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        account = account_of(request.user)
        if account is None:
            return render(request, "exchanges/partners/not_a_partner.html", status=403)
        request.partner_account = account
        return view(request, *args, **kwargs)

    return wrapper


def _rows(exchanges, sides):
    return [
        {
            "exchange": exchange,
            "requesting": sides.get(exchange.requesting_city_key),
            "receiving": sides.get(exchange.receiving_key),
        }
        for exchange in exchanges
    ]


def _index_context(request, form=None):
    locale = Locale.get_active()
    partner_key = request.partner_account.partner_key
    own = list(addressed_to(partner_key).order_by("-updated_at")[:ROWS])
    others = list(followed(partner_key).order_by("-updated_at")[:ROWS])
    links = list(PartnerCity.objects.filter(partner_key=partner_key).order_by("pk"))
    keys = {link.city_key for link in links}
    for exchange in own + others:
        keys |= exchange.city_keys()
    partner_keys = {partner_key} | {exchange.partner_key for exchange in others}
    sides = {**city_pages(keys, locale), **partners_by_key(partner_keys, locale)}
    for link in links:
        link.city = sides.get(link.city_key)
    return {
        "page": None,
        "partner": sides.get(partner_key),
        "own_rows": _rows(own, sides),
        "followed_rows": _rows(others, sides),
        "links": links,
        "form": form or FollowCityForm(locale=locale, exclude_keys=keys),
    }


@partner_required
def index(request):
    return render(request, "exchanges/partners/index.html", _index_context(request))


@partner_required
@require_POST
def follow_city(request):
    """Ask a city for consent to follow its exchanges; its members decide in My City."""
    account = request.partner_account
    asked = PartnerCity.objects.filter(partner_key=account.partner_key).values("city_key")
    form = FollowCityForm(request.POST, locale=Locale.get_active(), exclude_keys=asked)
    if not form.is_valid() or form.cleaned_data["city_page"] is None:
        context = _index_context(request, form=form)
        return render(request, "exchanges/partners/index.html", context, status=400)
    PartnerCity.objects.get_or_create(
        partner_key=account.partner_key,
        city_key=form.cleaned_data["city_page"].translation_key,
        defaults={"asked_by": request.user},
    )
    messages.success(
        request, _("The city has been asked. You see its exchanges once its members agree.")
    )
    return redirect("partners_area:index")


def _visible(request, exchange_id):
    """(exchange, whether the partner acts on it); 404 if the partner may not see it."""
    partner_key = request.partner_account.partner_key
    exchange = get_object_or_404(Exchange, pk=exchange_id)
    if exchange.partner_key == partner_key:
        return exchange, True
    if followed(partner_key).filter(pk=exchange.pk).exists():
        return exchange, False
    raise Http404


def _addressed(request, exchange_id):
    return get_object_or_404(
        Exchange, pk=exchange_id, partner_key=request.partner_account.partner_key
    )


def _context(request, exchange, can_act, message_form=None, move_forms=None):
    urls = {"home": (reverse("partners_area:index"), _("Partners’ area"))}
    if can_act:
        urls["message"] = reverse("partners_area:message", args=[exchange.pk])
        urls["move"] = reverse("partners_area:move", args=[exchange.pk])
    return detail_context(
        exchange,
        request.partner_account.partner_key,
        urls,
        can_act=can_act,
        message_form=message_form,
        move_forms=move_forms,
    )


@partner_required
def detail(request, exchange_id):
    exchange, can_act = _visible(request, exchange_id)
    return render(request, "exchanges/detail.html", _context(request, exchange, can_act))


PARTNER = acting.Side(
    required=partner_required,
    exchange_for=_addressed,
    key_for=lambda request, exchange: exchange.partner_key,
    context_for=lambda request, exchange, **forms: _context(request, exchange, True, **forms),
    namespace="partners_area",
)


post_message, move = acting.views(PARTNER)
