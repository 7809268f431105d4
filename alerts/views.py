"""Account → Saved searches: a member's own searches (others' answer 404), and unsubscribing
from an e-mail's link without signing in."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import get_language, get_language_info
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from knowledge.models import InitiativeIndexPage

from . import searches
from .forms import RenameForm, SaveSearchForm
from .models import MAX_SAVED_SEARCHES, SavedSearch


def _listing_paths(saved):
    """The relative address of the initiatives database in each language saved."""
    languages = {search.language for search in saved}
    pages = (
        InitiativeIndexPage.objects.live()
        .public()
        .filter(locale__language_code__in=languages)
        .select_related("locale")
    )
    return {page.locale.language_code: page.get_url() for page in pages}


def _rows(saved, forms=None):
    forms = forms or {}
    paths = _listing_paths(saved)
    rows = []
    for search in saved:
        path = paths.get(search.language)
        query = search.query_string()
        rows.append(
            {
                "search": search,
                "summary": searches.summary(search),
                "url": f"{path}?{query}" if path and query else path,
                "language": get_language_info(search.language)["name_local"],
                "form": forms.get(search.pk) or RenameForm(instance=search, prefix=search.pk),
            }
        )
    return rows


def _render_list(request, status=200, save_form=None, forms=None):
    saved = list(SavedSearch.objects.filter(user=request.user))
    return render(
        request,
        "alerts/saved_searches.html",
        {"rows": _rows(saved, forms), "save_form": save_form},
        status=status,
    )


@login_required
def saved_searches(request):
    return _render_list(request)


@login_required
@require_POST
def save(request):
    form = SaveSearchForm(request.POST)
    if SavedSearch.objects.filter(user=request.user).count() >= MAX_SAVED_SEARCHES:
        form.add_error(
            None,
            _("You can keep at most %(count)d saved searches. Delete one first.")
            % {"count": MAX_SAVED_SEARCHES},
        )
    if not form.is_valid():
        return _render_list(request, status=400, save_form=form)
    now = timezone.now()
    search = SavedSearch.objects.create(
        user=request.user,
        name=form.cleaned_data["name"],
        parameters=form.cleaned_data["query"],
        language=get_language(),
        created_at=now,
        checked_until=now,
    )
    messages.success(
        request,
        _("Search “%(name)s” saved. New matches will come to you by e-mail every week.")
        % {"name": search.name},
    )
    return redirect("alerts:list")


@login_required
@require_POST
def rename(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    form = RenameForm(request.POST, instance=search, prefix=search.pk)
    if not form.is_valid():
        return _render_list(request, status=400, forms={search.pk: form})
    form.save()
    messages.success(request, _("Search renamed to “%(name)s”.") % {"name": search.name})
    return redirect("alerts:list")


@login_required
@require_POST
def delete(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    search.delete()
    messages.success(request, _("Search “%(name)s” deleted.") % {"name": search.name})
    return redirect("alerts:list")


@login_required
@require_POST
def set_alerts(request, pk):
    search = get_object_or_404(SavedSearch, pk=pk, user=request.user)
    enabled = request.POST.get("enabled") == "on"
    if enabled and not search.alerts_enabled:
        # Matches published while the e-mail was off are not news any more.
        search.checked_until = timezone.now()
    search.alerts_enabled = enabled
    search.save(update_fields=["alerts_enabled", "checked_until"])
    if enabled:
        message = _("The weekly e-mail of “%(name)s” is on.")
    else:
        message = _("The weekly e-mail of “%(name)s” is off.")
    messages.success(request, message % {"name": search.name})
    return redirect("alerts:list")


# The token is the authority: mail programs post here with no session (RFC 8058 one-click).
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request, token):
    search = searches.search_for_token(token)
    if search is None:
        raise Http404(_("This unsubscribe link is not valid, or its search was deleted."))
    if request.method == "POST":
        SavedSearch.objects.filter(pk=search.pk).update(alerts_enabled=False)
        return render(request, "alerts/unsubscribe.html", {"search": search, "done": True})
    return render(request, "alerts/unsubscribe.html", {"search": search, "done": False})
