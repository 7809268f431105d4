"""My City: registration, the member's dashboard, the initiative upload form, handover."""

from functools import wraps

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from wagtail import hooks
from wagtail.models import Locale

from ..initiatives.moderation import SubmissionError, submission_state, submit_for_moderation
from ..models import CityMembership, CityPage, InitiativePage, taxonomy_for
from . import membership as members
from . import submissions
from .forms import AttachedFilesForm, HandoverForm, InitiativeSubmissionForm


def member_required(view):
    """Signed-in members of a city only; others are sent to sign in or told to register."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        membership = members.membership_of(request.user)
        if membership is None:
            if request.resolver_match and request.resolver_match.url_name == "dashboard":
                # Where signing in lands: people who work elsewhere on the platform (a
                # partner's account, from the exchanges app) are sent there. Each
                # `my_city_elsewhere` hook takes the request and returns an address or None.
                for hook in hooks.get_hooks("my_city_elsewhere"):
                    if elsewhere := hook(request):
                        return redirect(elsewhere)
            return render(request, "knowledge/my_city/not_a_member.html", status=403)
        request.membership = membership
        return view(request, *args, **kwargs)

    return wrapper


def _active_locale():
    return Locale.get_active()


@member_required
def dashboard(request):
    membership = request.membership
    locale = _active_locale()
    city = membership.city(locale)
    pages = InitiativePage.objects.filter(city__translation_key=membership.city_key).select_related(
        "locale"
    )
    initiatives = []
    for page in pages.order_by("-latest_revision_created_at", "title"):
        draft = page.get_latest_revision_as_object()
        initiatives.append({"page": page, "draft": draft, "state": submission_state(page)})
    colleagues = CityMembership.objects.filter(city_key=membership.city_key).select_related("user")
    return render(
        request,
        "knowledge/my_city/dashboard.html",
        {
            "membership": membership,
            "city": city,
            "initiatives": initiatives,
            "colleagues": colleagues,
            # Other apps add sections (certification does) through this hook: each function
            # takes the request and the membership and returns HTML or None.
            "extra_sections": [
                html
                for hook in hooks.get_hooks("my_city_dashboard_sections")
                if (html := hook(request, membership))
            ],
        },
    )


def _form_status(form):
    """400 for a form sent with errors: it comes back as the member filled it in."""
    return 400 if form.is_bound and form.errors else 200


def _submission_context(request, form, page=None):
    return {"form": form, "page": None, "initiative": page, "membership": request.membership}


def _city_in(membership, locale):
    """The member's city page in `locale`, made as an alias of the source when missing."""
    city = CityPage.objects.filter(translation_key=membership.city_key, locale=locale).first()
    if city is None:
        source = membership.city()
        city = source.copy_for_translation(locale, copy_parents=True, alias=True)
        members.ensure_city_group(source)
    return city


def _unique_slug(parent, title):
    base = slugify(title, allow_unicode=True)[:200] or "initiative"
    slug, n = base, 1
    while parent.get_children().filter(slug=slug).exists():
        n += 1
        slug = f"{base}-{n}"
    return slug


@member_required
@require_http_methods(["GET", "POST"])
def initiative_add(request):
    membership = request.membership
    language = request.POST.get("language")
    # Only the site's languages reach the query (a stray value, NUL included, means the page's).
    if language not in dict(settings.LANGUAGES):
        language = Locale.get_active().language_code
    locale = Locale.objects.filter(language_code=language).first() or _active_locale()
    taxonomy = taxonomy_for(request, locale.pk)
    submitting = "submit" in request.POST
    if request.method == "POST":
        page = InitiativePage(locale=locale, owner=request.user, live=False)
        form = InitiativeSubmissionForm(
            request.POST, request.FILES, instance=page, taxonomy=taxonomy, submitting=submitting
        )
        if form.is_valid():
            with transaction.atomic():
                city = _city_in(membership, locale)
                page.slug = _unique_slug(city, page.title)
                city_group = members.ensure_city_group(city)
                submissions.apply(page, form, request.user, city_group.collection)
                city.add_child(instance=page)
                page.save_revision(user=request.user, log_action=True)
                return _after_save(request, page, submitting)
    else:
        form = InitiativeSubmissionForm(
            initial={"language": locale.language_code, "status": "ongoing"}, taxonomy=taxonomy
        )
    return render(
        request,
        "knowledge/my_city/initiative_form.html",
        _submission_context(request, form),
        status=_form_status(form),
    )


def _after_save(request, page, submitting):
    if submitting:
        try:
            submit_for_moderation(page, request.user)
        except SubmissionError as error:
            messages.error(request, str(error))
            return redirect("my_city:initiative_edit", page_id=page.pk)
        messages.success(request, _("Your initiative was sent to the moderators."))
    else:
        messages.success(request, _("Your draft was saved."))
    return redirect("my_city:dashboard")


@member_required
@require_http_methods(["GET", "POST"])
def initiative_edit(request, page_id):
    membership = request.membership
    # By `id` (see interaction.views._live_page): an id beyond the column's range is no row.
    page = InitiativePage.objects.filter(
        id=page_id, city__translation_key=membership.city_key
    ).first()
    if page is None:
        raise Http404
    state = submission_state(page)
    if not state.can_edit:
        messages.error(request, _("This initiative was declined and cannot be changed."))
        return redirect("my_city:dashboard")
    draft = page.get_latest_revision_as_object()
    taxonomy = taxonomy_for(request, page.locale_id)
    submitting = "submit" in request.POST
    attached = AttachedFilesForm(
        request.POST or None, attached=submissions.attached_files(draft), prefix="attached"
    )
    if request.method == "POST":
        form = InitiativeSubmissionForm(
            request.POST,
            request.FILES,
            instance=draft,
            taxonomy=taxonomy,
            submitting=submitting,
            editing=True,
        )
        if form.is_valid():
            remove = attached.ticked()
            with transaction.atomic():
                city_group = members.ensure_city_group(page.city)
                submissions.apply(draft, form, request.user, city_group.collection, remove)
                # A new revision: what is live stays as it is until moderators approve.
                draft.save_revision(user=request.user, log_action=True)
                return _after_save(request, page, submitting)
    else:
        form = InitiativeSubmissionForm(
            instance=draft,
            initial=submissions.form_initial(draft),
            taxonomy=taxonomy,
            editing=True,
        )
    context = _submission_context(request, form, page)
    context["state"] = state
    # What the draft already holds, shown through the private files' checked URLs.
    context["attached"] = attached
    return render(
        request, "knowledge/my_city/initiative_form.html", context, status=_form_status(form)
    )


@member_required
@require_http_methods(["GET", "POST"])
def handover(request):
    membership = request.membership
    if not membership.is_focal_point:
        raise Http404
    others = (
        CityMembership.objects.filter(city_key=membership.city_key)
        .exclude(pk=membership.pk)
        .select_related("user")
    )
    form = HandoverForm(request.POST or None, members=others)
    if request.method == "POST" and form.is_valid():
        members.hand_over_focal_point(membership, form.cleaned_data["member"])
        messages.success(request, _("The focal-point role was handed over."))
        return redirect("my_city:dashboard")
    return render(request, "knowledge/my_city/handover.html", {"form": form, "page": None})
