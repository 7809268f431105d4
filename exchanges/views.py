"""Exchanges in My City: open one, read it, write, accept or decline, move it on, close it with
an outcome; and each person's notification settings.

Only active members of one of the two cities see an exchange (others get 404, as if it did not
exist); what each city may do is Exchange.allowed_moves's answer.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from wagtail.models import Locale

from knowledge.members.my_city import member_required

from . import acting, services
from .forms import MessageForm, MoveForm, NotificationSettingsForm, OpenExchangeForm
from .models import Exchange, NotificationSettings, city_pages
from .partners import partners_by_key

MOVE_LABELS = {
    Exchange.State.ACCEPTED: gettext_lazy("Accept"),
    Exchange.State.DECLINED: gettext_lazy("Decline"),
    Exchange.State.IN_PROGRESS: gettext_lazy("Start working together"),
    Exchange.State.DONE: gettext_lazy("Close with an outcome"),
}


def _exchange_for(request, exchange_id):
    """The exchange if the member's city is one of its two; 404 otherwise."""
    exchange = get_object_or_404(Exchange, pk=exchange_id)
    if request.membership.city_key not in exchange.city_keys():
        raise Http404
    return exchange


@member_required
@require_http_methods(["GET", "POST"])
def open_exchange(request):
    locale = Locale.get_active()
    form = OpenExchangeForm(
        request.POST if request.method == "POST" else None,
        membership=request.membership,
        locale=locale,
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        initiative = data["initiative_page"]
        exchange = services.open_exchange(
            request.membership.city_key,
            data["city_page"].translation_key,
            request.user,
            data["kind"],
            initiative_key=initiative.translation_key if initiative else None,
            body=data["message"],
            language=get_language(),
        )
        messages.success(request, _("The exchange is open. The other city has been told."))
        return redirect("exchanges:detail", exchange.pk)
    status = 400 if form.is_bound else 200
    return render(request, "exchanges/open.html", {"form": form, "page": None}, status=status)


def detail_context(exchange, side_key, urls, can_act=True, message_form=None, move_forms=None):
    """The context of exchanges/detail.html for the side `side_key` (a city's or a partner's
    key). `urls`: {"home": (url, label), "message", "move", "share"} (the last three only where
    the side may use them); `can_act` False shows the exchange read-only."""
    locale = Locale.get_active()
    sides = {
        **city_pages(exchange.city_keys(), locale),
        **partners_by_key({exchange.partner_key}, locale),
    }
    exchange_messages = list(exchange.messages.select_related("author"))
    for message in exchange_messages:
        message.city = sides.get(message.city_key)
    transitions = list(exchange.transitions.select_related("user"))
    for transition in transitions:
        transition.city = sides.get(transition.city_key)
    moves = move_forms or {}
    actions = []
    for state in exchange.allowed_moves(side_key) if can_act else []:
        form = moves.get(state) or MoveForm(
            initial={"state": state},
            closing=state == Exchange.State.DONE,
            auto_id=f"id_{state}_%s",
        )
        actions.append({"state": state, "label": MOVE_LABELS[state], "form": form})
    if can_act and exchange.is_open:
        message_form = message_form or MessageForm(initial={"language": get_language()})
    return {
        "page": None,
        "exchange": exchange,
        "urls": urls,
        "requesting_city": sides.get(exchange.requesting_city_key),
        "receiving_city": sides.get(exchange.receiving_key),
        "initiative": exchange.initiative(locale),
        "exchange_messages": exchange_messages,
        "transitions": transitions,
        "actions": actions,
        "message_form": message_form if can_act else None,
    }


def _detail_context(request, exchange, message_form=None, move_forms=None):
    urls = {
        "home": (reverse("my_city:dashboard"), _("My City")),
        "message": reverse("exchanges:message", args=[exchange.pk]),
        "move": reverse("exchanges:move", args=[exchange.pk]),
        "share": reverse("exchanges:share", args=[exchange.pk]),
    }
    return detail_context(
        exchange,
        request.membership.city_key,
        urls,
        message_form=message_form,
        move_forms=move_forms,
    )


@member_required
def detail(request, exchange_id):
    exchange = _exchange_for(request, exchange_id)
    return render(request, "exchanges/detail.html", _detail_context(request, exchange))


CITY = acting.Side(
    required=member_required,
    exchange_for=_exchange_for,
    key_for=lambda request, exchange: request.membership.city_key,
    context_for=_detail_context,
    namespace="exchanges",
)


post_message, move = acting.views(CITY)


@member_required
@require_POST
def share(request, exchange_id):
    """Either city agrees (or stops agreeing) that partners see the exchange."""
    exchange = _exchange_for(request, exchange_id)
    shared = request.POST.get("shared") == "1"
    services.set_shared(exchange, shared)
    if shared:
        messages.success(request, _("Partners of the platform can now see this exchange."))
    else:
        messages.success(request, _("Partners of the platform no longer see this exchange."))
    return redirect("exchanges:detail", exchange.pk)


@login_required
@require_http_methods(["GET", "POST"])
def notification_settings(request):
    instance = NotificationSettings.objects.filter(user=request.user).first()
    instance = instance or NotificationSettings(user=request.user)
    form = NotificationSettingsForm(
        request.POST if request.method == "POST" else None, instance=instance
    )
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Your e-mail settings are saved."))
        return redirect("exchanges:notifications")
    return render(
        request,
        "exchanges/notifications.html",
        {"form": form, "page": None},
        status=400 if form.is_bound else 200,
    )
