"""A city's side of its partners, in My City: writing to a partner from its page, and giving or
withdrawing consent to a partner that asks to follow the city's exchanges."""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from knowledge.members.my_city import member_required

from . import services
from .forms import OpenPartnerExchangeForm
from .models import Exchange, PartnerCity
from .partners import partner_page


@member_required
@require_http_methods(["GET", "POST"])
def open_with_partner(request, partner_id):
    partner = partner_page(partner_id)
    if partner is None:
        raise Http404
    form = OpenPartnerExchangeForm(
        request.POST if request.method == "POST" else None,
        initial={"kind": Exchange.Kind.CONTACT},
    )
    if request.method == "POST" and form.is_valid():
        exchange = services.open_exchange(
            request.membership.city_key,
            None,
            request.user,
            form.cleaned_data["kind"],
            body=form.cleaned_data["message"],
            language=get_language(),
            partner_key=partner.translation_key,
        )
        messages.success(request, _("The exchange is open. The partner has been told."))
        return redirect("exchanges:detail", exchange.pk)
    return render(
        request,
        "exchanges/open_partner.html",
        {"form": form, "page": None, "partner": partner},
        status=400 if form.is_bound else 200,
    )


@member_required
@require_POST
def consent(request, link_id):
    """Give (consent=1) or withdraw (consent=0) the city's consent; only for the member's city."""
    link = get_object_or_404(PartnerCity, pk=link_id, city_key=request.membership.city_key)
    choice = request.POST.get("consent")
    if choice not in ("0", "1"):
        # An empty 400 with a message: cms.middleware renders it as the site's error page, in
        # the reader's language.
        response = HttpResponseBadRequest()
        response.error_message = lambda: _("consent: give 1 (consent) or 0 (withdraw).")
        return response
    consented = choice == "1"
    services.set_consent(link, consented, request.user)
    if consented:
        messages.success(request, _("The partner can now see your city's exchanges."))
    else:
        messages.success(request, _("The partner no longer sees your city's exchanges."))
    return redirect("my_city:dashboard")
