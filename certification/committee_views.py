"""Committee screens (the secretariat and the committee): meetings, the spot-check draw,
decisions, the meeting report, and revoking certificates."""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from wagtail.models import Locale, ModelLogEntry

from . import committee, independence, permissions, setup
from .forms import DecisionForm, MeetingForm, RevokeForm, VoteForm
from .models import AgendaItem, Certificate, CertifyingBody, CommitteeMeeting
from .models.applications import localize
from .public_views import verification_context
from .workflow import TransitionError


def committee_only(view):
    """The committee and the secretariat; 404 for everyone else."""

    @wraps(view)
    @login_required
    def wrapper(request, *args, **kwargs):
        if not permissions.sees_all(request.user):
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


def _may_decide(user, meeting):
    return permissions.is_secretariat(user) or meeting.members.filter(pk=user.pk).exists()


@committee_only
def meetings(request):
    return render(
        request,
        "certification/meeting_list.html",
        {
            "meetings": CommitteeMeeting.objects.select_related("body").prefetch_related("items"),
            "can_create": permissions.is_secretariat(request.user),
            "waiting": committee.awaiting_decision().count(),
        },
    )


def _meeting_form(request, data=None):
    locale = Locale.get_active()
    waiting = localize(committee.awaiting_decision().select_related("criteria_version"), locale)
    labels = {
        a.pk: f"{a.city_in_locale.title} — {a.stage_in_locale.name} (#{a.pk})" for a in waiting
    }
    members = get_user_model().objects.filter(
        groups__role__role__in=[setup.COMMITTEE, setup.SECRETARIAT], is_active=True
    )
    return MeetingForm(
        data,
        bodies=CertifyingBody.objects.filter(locale=Locale.get_default()),
        members=members.distinct(),
        applications=committee.awaiting_decision().select_related("certifying_body"),
        labels=labels,
    )


@committee_only
def meeting_new(request):
    if not permissions.is_secretariat(request.user):
        raise Http404
    if request.method == "POST":
        form = _meeting_form(request, request.POST)
        if form.is_valid():
            data = form.cleaned_data
            meeting = committee.create_meeting(
                data["body"],
                data["date"],
                data["members"],
                data["spot_check_share"],
                list(data["applications"]),
                request.user,
            )
            messages.success(request, _("The meeting and its agenda are recorded."))
            return redirect("certification:meeting", meeting.pk)
        status = 400
    else:
        form = _meeting_form(request)
        status = 200
    return render(request, "certification/meeting_form.html", {"form": form}, status=status)


def _meeting_context(request, meeting, forms=None, vote_forms=None):
    locale = Locale.get_active()
    items = list(
        meeting.items.select_related(
            "application__criteria_version", "criteria_version"
        ).prefetch_related("votes__member", "application__assignments__reviewer")
    )
    localize([item.application for item in items], locale)
    may_decide = _may_decide(request.user, meeting)
    is_member = meeting.members.filter(pk=request.user.pk).exists()
    sitting = meeting.drawn and meeting.date <= timezone.localdate()
    forms, vote_forms = forms or {}, vote_forms or {}
    for item in items:
        item.conflicted = independence.is_conflicted(request.user, item.application)
        item.tally = committee.tally(item)
        item.vote_list = list(item.votes.all())
        if item.outcome or item.conflicted or not sitting:
            continue
        if is_member:
            mine = next((v for v in item.vote_list if v.member_id == request.user.pk), None)
            initial = {"choice": mine.choice, "comment": mine.comment} if mine else {}
            item.vote_form = vote_forms.get(item.pk) or VoteForm(
                initial=initial, prefix=f"vote{item.pk}"
            )
        if may_decide and item.tally["reached"]:
            item.form = forms.get(item.pk) or DecisionForm(item=item, prefix=f"item{item.pk}")
    return {
        "meeting": meeting,
        "body": meeting.body.get_translation_or_none(locale) or meeting.body,
        "items": items,
        "may_decide": may_decide,
        "may_draw": permissions.is_secretariat(request.user) and not meeting.drawn,
        "sitting": sitting,
        "redraw": meeting.redraw() if meeting.drawn else None,
        "history": ModelLogEntry.objects.for_instance(meeting).select_related("user"),
    }


@committee_only
def meeting(request, pk):
    meeting = get_object_or_404(CommitteeMeeting.objects.select_related("body"), pk=pk)
    return render(request, "certification/meeting_detail.html", _meeting_context(request, meeting))


@committee_only
@require_POST
def meeting_draw(request, pk):
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    if not permissions.is_secretariat(request.user):
        raise Http404
    try:
        committee.draw(meeting, request.user)
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The spot checks are drawn and recorded."))
    return redirect("certification:meeting", meeting.pk)


@committee_only
@require_POST
def decide(request, pk, item_id):
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    item = get_object_or_404(AgendaItem.objects.select_related("application"), pk=item_id)
    if item.meeting_id != meeting.pk or not _may_decide(request.user, meeting):
        raise Http404
    form = DecisionForm(request.POST, item=item, prefix=f"item{item.pk}")
    if form.is_valid():
        try:
            certificate = committee.decide(
                item,
                form.cleaned_data["rationale"],
                request.user,
                form.cleaned_data.get("spot_check_notes", ""),
            )
        except TransitionError as error:
            messages.error(request, str(error))
            context = _meeting_context(request, meeting, forms={item.pk: form})
            return render(request, "certification/meeting_detail.html", context, status=400)
        if certificate is not None:
            messages.success(
                request,
                _("Decision recorded. Certificate %(number)s is issued.")
                % {"number": certificate.number},
            )
        else:
            messages.success(request, _("Decision recorded."))
        return redirect("certification:meeting", meeting.pk)
    context = _meeting_context(request, meeting, forms={item.pk: form})
    return render(request, "certification/meeting_detail.html", context, status=400)


@committee_only
@require_POST
def vote(request, pk, item_id):
    meeting = get_object_or_404(CommitteeMeeting, pk=pk)
    item = get_object_or_404(AgendaItem.objects.select_related("application"), pk=item_id)
    if item.meeting_id != meeting.pk or not meeting.members.filter(pk=request.user.pk).exists():
        raise Http404
    form = VoteForm(request.POST, prefix=f"vote{item.pk}")
    if form.is_valid():
        try:
            committee.vote(
                item, request.user, form.cleaned_data["choice"], form.cleaned_data["comment"]
            )
        except TransitionError as error:
            messages.error(request, str(error))
            context = _meeting_context(request, meeting)
            return render(request, "certification/meeting_detail.html", context, status=400)
        messages.success(request, _("Your vote is recorded."))
        return redirect("certification:meeting", meeting.pk)
    context = _meeting_context(request, meeting, vote_forms={item.pk: form})
    return render(request, "certification/meeting_detail.html", context, status=400)


@committee_only
def meeting_report(request, pk):
    meeting = get_object_or_404(CommitteeMeeting.objects.select_related("body"), pk=pk)
    return render(request, "certification/meeting_report.html", _meeting_context(request, meeting))


@login_required
@require_POST
def revoke(request, number):
    if not permissions.is_secretariat(request.user):
        raise Http404
    certificate = get_object_or_404(Certificate, number=number)
    form = RevokeForm(request.POST)
    if not form.is_valid():
        context = verification_context(request, certificate, revoke_form=form)
        return render(request, "certification/verify.html", context, status=400)
    try:
        committee.revoke(certificate, request.user, form.cleaned_data["reason"])
    except TransitionError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("The certificate is revoked."))
    return redirect("certification:verify", certificate.number)
