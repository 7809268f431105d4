"""Public views behind the forms on initiative and city pages.

A form that fails is answered with the page itself, the form filled in as the user left it and
the errors beside the fields (400, or 429 when the rate limit is reached); a form that succeeds
redirects back to the page with a notice.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.http import Http404
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from ..base.reader_urls import is_fallback, url_for_reader
from ..base.spam import rate_limited
from ..members import membership as members
from ..models import CityPage, InitiativeComment, InitiativePage
from . import services
from .forms import CommentForm, ContactForm, ReplicationForm, ReportForm


def _live_page(page_id, *models):
    for model in models:
        # By `id`, an integer column: Django answers an id beyond its range with no row, where
        # `pk` (the parent link) would send it to the database and fail.
        page = model.objects.live().public().filter(id=page_id).first()
        if page is not None:
            return page
    raise Http404


def _page_again(request, page, forms, status):
    """The page, rendered with the submitted forms (their data and errors) instead of empty
    ones. See knowledge.templatetags.interaction_tags."""
    request.interaction_forms = forms
    if is_fallback(page):
        request.translation_fallback = page  # as cms.serve marks a page read untranslated
    response = page.serve(request)
    response.status_code = status
    return response


def _too_many(request, page, name, form, message):
    form.add_error(None, message)
    return _page_again(request, page, {name: form}, 429)


def _back(page, request, anchor):
    # To the page in the reader's language: its translation, or the fallback address.
    return redirect(f"{url_for_reader(page, request)}#{anchor}")


@require_POST
def post_comment(request, page_id):
    page = _live_page(page_id, InitiativePage)
    if not request.user.is_authenticated:
        return redirect_to_login(url_for_reader(page, request))
    form = CommentForm(request.POST, prefix="comment", request=request)
    if not form.is_valid():
        return _page_again(request, page, {"comment": form}, 400)
    if rate_limited(request, "comment"):
        return _too_many(
            request,
            page,
            "comment",
            form,
            _("You have posted many comments in a short time. Please try again later."),
        )
    comment = services.post_comment(page, request.user, form.cleaned_data["body"], get_language())
    if comment.status == InitiativeComment.Status.PUBLISHED:
        messages.success(request, _("Your comment is published."))
    else:
        messages.success(
            request,
            _(
                "Thank you. Your comment is awaiting moderation: it appears once a moderator "
                "has read it."
            ),
        )
    return _back(page, request, f"comment-{comment.pk}")


def report_comment(request, comment_id):
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    comment = get_object_or_404(
        InitiativeComment.objects.select_related("page").exclude(author=request.user),
        pk=comment_id,
        status=InitiativeComment.Status.PUBLISHED,
    )
    page = _live_page(comment.page_id, InitiativePage)
    form = ReportForm(request.POST or None, request=request)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = 400
        elif rate_limited(request, "report"):
            form.add_error(
                None, _("You have sent many reports in a short time. Please try again later.")
            )
            status = 429
        else:
            services.report_comment(
                comment, request.user, form.cleaned_data["reason"], form.cleaned_data["details"]
            )
            messages.success(request, _("Thank you. A moderator will look at this comment."))
            return _back(page, request, "comments")
    return TemplateResponse(
        request,
        "knowledge/interaction/report.html",
        {"form": form, "comment": comment, "page": page},
        status=status,
    )


@csrf_exempt
@require_POST
def contact_city(request, page_id):
    # Visitors' forms carry no CSRF token, so that city and initiative pages stay cacheable
    # for everyone (a forged message is no more than the forger could send in person); a
    # signed-in member's message is sent in their name, so theirs is checked.
    if request.user.is_authenticated:
        rejected = CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})
        if rejected is not None:
            return rejected
    page = _live_page(page_id, CityPage, InitiativePage)
    city = page if isinstance(page, CityPage) else page.city
    if city is None:
        raise Http404
    form = ContactForm(
        request.POST, prefix="contact", member=request.user.is_authenticated, request=request
    )
    if not form.is_valid():
        return _page_again(request, page, {"contact": form}, 400)
    if rate_limited(request, "contact"):
        return _too_many(
            request,
            page,
            "contact",
            form,
            _("You have sent many messages in a short time. Please try again later."),
        )
    page_url = page.get_full_url(request)
    # The copy goes only to a signed-in member's own address: to anyone else it would make the
    # form a relay for messages to addresses typed in by strangers.
    copy_to = request.user.email if request.user.is_authenticated else None
    sent = services.relay_message(
        city,
        page,
        form.cleaned_data,
        page_url,
        get_language(),
        copy_to=copy_to,
        user=request.user if request.user.is_authenticated else None,
    )
    if not sent:
        form.add_error(None, _("This city has no focal point to write to yet."))
        return _page_again(request, page, {"contact": form}, 400)
    if copy_to:
        notice = _(
            "Your message was sent to the focal points of %(city)s. A copy is on its way to you."
        )
    else:
        notice = _("Your message was sent to the focal points of %(city)s.")
    messages.success(request, notice % {"city": city.title})
    return _back(page, request, "contact")


@require_POST
def replicate(request, page_id):
    page = _live_page(page_id, InitiativePage)
    if not request.user.is_authenticated:
        return redirect_to_login(url_for_reader(page, request))
    membership = members.membership_of(request.user)
    if membership is None or page.city is None or membership.city_key == page.city.translation_key:
        # Only members of another city can say they replicated a city's initiative.
        return TemplateResponse(
            request, "knowledge/interaction/not_allowed.html", {"page": page}, status=403
        )
    form = ReplicationForm(request.POST, prefix="replication", request=request)
    if not form.is_valid():
        return _page_again(request, page, {"replication": form}, 400)
    if rate_limited(request, "replication"):
        return _too_many(
            request,
            page,
            "replication",
            form,
            _("You have recorded many initiatives in a short time. Please try again later."),
        )
    services.record_replication(
        page,
        membership,
        form.cleaned_data["kind"],
        form.cleaned_data["note"],
        page.get_full_url(request),
    )
    messages.success(request, _("Thank you. The city that shared this initiative has been told."))
    return _back(page, request, "replication")
