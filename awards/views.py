"""The public awards pages, inside the language prefix: the programmes and their cycles
(/<lang>/awards/), one cycle with its published results, and a member's nomination form with
their city's nominations (/<lang>/awards/<programme>/<year>/)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale

from knowledge.base import cache_tags
from knowledge.members.membership import membership_of
from knowledge.models import InitiativePage

from . import results
from .forms import NominationForm, city_initiatives
from .models import AwardCycle, AwardProgramme, Nomination


def _programmes(locale):
    """{translation key: programme in `locale`, else in any language}, by name."""
    return results._in_locale(AwardProgramme.objects.all(), locale)


def index(request):
    cache_tags.add("awards")
    locale = Locale.get_active()
    programmes = _programmes(locale)
    cycles = {}
    for cycle in AwardCycle.objects.select_related("programme").order_by("-year"):
        cycles.setdefault(cycle.programme.translation_key, []).append(cycle)
    entries = sorted(
        ((programme, cycles.get(key, [])) for key, programme in programmes.items()),
        key=lambda entry: entry[0].name.casefold(),
    )
    return render(request, "awards/index.html", {"programmes": entries})


def _cycle(code, year):
    if not 1950 <= year <= 2100:
        raise Http404(_("There is no such award cycle."))
    cycle = (
        AwardCycle.objects.select_related("programme")
        .filter(programme__code=code, year=year)
        .first()
    )
    if cycle is None:
        raise Http404(_("There is no such award cycle."))
    return cycle


def cycle_page(request, code, year, form=None, status=200):
    cache_tags.add("awards", cache_tags.list_tag(InitiativePage))
    cycle = _cycle(code, year)
    locale = Locale.get_active()
    context = {
        "cycle": cycle,
        "programme": cycle.programme.localized_in(locale),
        "results": [],
    }
    if cycle.results_public:
        found = results.localize(results.ordered(results.published().filter(cycle=cycle)), locale)
        context["winners"] = [r for r in found if r.rank == "winner"]
        context["finalists"] = [r for r in found if r.rank == "finalist"]
    membership = membership_of(request.user)
    if membership is not None:
        own = Nomination.objects.filter(cycle=cycle, city_key=membership.city_key)
        own_pages = results._in_locale(
            InitiativePage.objects.filter(translation_key__in=own.values("initiative_key")),
            locale,
        )
        context["own_nominations"] = [
            (nomination, own_pages.get(nomination.initiative_key))
            for nomination in own.order_by("created_at")
        ]
        if cycle.accepts_nominations():
            context["form"] = form or NominationForm(
                cycle=cycle, city_key=membership.city_key, locale=locale
            )
            context["has_initiatives"] = bool(city_initiatives(membership.city_key, locale))
    return render(request, "awards/cycle.html", context, status=status)


@login_required
@require_POST
def nominate(request, code, year):
    cycle = _cycle(code, year)
    membership = membership_of(request.user)
    if membership is None:
        return render(request, "knowledge/my_city/not_a_member.html", status=403)
    locale = Locale.get_active()
    form = NominationForm(request.POST, cycle=cycle, city_key=membership.city_key, locale=locale)
    if not cycle.accepts_nominations():
        messages.error(request, _("Nominations for this cycle are closed."))
        return cycle_page(request, code, year, status=400)
    if not form.is_valid():
        return cycle_page(request, code, year, form=form, status=400)
    nomination = form.save(commit=False)
    nomination.cycle = cycle
    nomination.nominated_by = request.user
    nomination.save()
    messages.success(
        request,
        _("“%(title)s” is nominated for %(programme)s %(year)s.")
        % {
            "title": nomination.initiative.title,
            "programme": cycle.programme.localized_in(locale).name,
            "year": cycle.year,
        },
    )
    return redirect("awards:cycle", code=code, year=year)
