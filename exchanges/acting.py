"""Writing in an exchange and moving it on, for either side: a city's members (My City) or a
partner's people (the partners' area). The two differ only in who may act on which exchange,
under which key they act, how the detail page is put together and where they are sent after.
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import services
from .forms import MessageForm, MoveForm
from .models import Exchange, TransitionError


@dataclass(frozen=True)
class Side:
    """One side of the exchanges.

    `required`: the view decorator that lets the side's people in (and sets what key_for reads);
    `exchange_for(request, exchange_id)`: the exchange the request may act on (404 otherwise);
    `key_for(request, exchange)`: the key it acts under; `context_for(request, exchange,
    message_form=, move_forms=)`: the detail page's context; `namespace`: its URL namespace.
    """

    required: Callable
    exchange_for: Callable
    key_for: Callable
    context_for: Callable
    namespace: str


def post_message(request, exchange_id, side):
    exchange = side.exchange_for(request, exchange_id)
    if not exchange.is_open:
        messages.error(request, _("This exchange is closed: no more messages can be written."))
        context = side.context_for(request, exchange)
        return render(request, "exchanges/detail.html", context, status=400)
    form = MessageForm(request.POST)
    if not form.is_valid():
        context = side.context_for(request, exchange, message_form=form)
        return render(request, "exchanges/detail.html", context, status=400)
    services.post_message(
        exchange,
        request.user,
        side.key_for(request, exchange),
        form.cleaned_data["body"],
        form.cleaned_data["language"],
    )
    messages.success(request, _("Your message was sent."))
    return redirect(f"{side.namespace}:detail", exchange.pk)


def move(request, exchange_id, side):
    exchange = side.exchange_for(request, exchange_id)
    state = request.POST.get("state", "")
    prefix = state if state in Exchange.State.values else "move"
    form = MoveForm(request.POST, closing=state == Exchange.State.DONE, auto_id=f"id_{prefix}_%s")
    if form.is_valid():
        try:
            services.move(
                exchange,
                form.cleaned_data["state"],
                request.user,
                side.key_for(request, exchange),
                outcome=form.cleaned_data.get("outcome", ""),
                outcome_year=form.cleaned_data.get("outcome_year"),
                language=get_language(),
            )
        except TransitionError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(
                request,
                _("The exchange is now: %(state)s.") % {"state": exchange.get_state_display()},
            )
            return redirect(f"{side.namespace}:detail", exchange.pk)
    elif "state" in form.errors:
        messages.error(request, _("This exchange cannot move to that state."))
    context = side.context_for(request, exchange, move_forms={state: form})
    return render(request, "exchanges/detail.html", context, status=400)


def views(side):
    """The side's two views, (post_message, move): POST only, behind its `required`."""

    def post_message_view(request, exchange_id):
        return post_message(request, exchange_id, side)

    def move_view(request, exchange_id):
        return move(request, exchange_id, side)

    return tuple(side.required(require_POST(view)) for view in (post_message_view, move_view))
