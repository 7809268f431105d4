"""The comment section, the "contact this city" form and the replication panel of a page.

Each tag uses the bound form a failed submission left on the request (see
knowledge.community.views), so the page comes back with what the user typed and the errors.
"""

from django import template

from ..community import services
from ..community.forms import CommentForm, ContactForm, ReplicationForm
from ..members import membership as members
from ..models import ReplicationInterest

register = template.Library()
Kind = ReplicationInterest.Kind


def _submitted(request, name):
    return getattr(request, "interaction_forms", {}).get(name)


@register.inclusion_tag("knowledge/interaction/comments.html", takes_context=True)
def comment_section(context, page):
    request = context["request"]
    user = request.user
    form = _submitted(request, "comment")
    if form is None and services.can_comment(user):
        form = CommentForm(prefix="comment")
    return {
        "request": request,
        "page": page,
        "comments": services.visible_comments(page, user),
        "form": form,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("knowledge/interaction/contact.html", takes_context=True)
def contact_form(context, page, city, reachable=None):
    """The "contact this city" form; `reachable`, when the page knows it already, says
    whether the city has an address to write to."""
    request = context["request"]
    form = _submitted(request, "contact")
    if form is None:
        initial = {}
        if request.user.is_authenticated:
            initial = {
                "name": services.display_name(request.user),
                "email": request.user.email,
            }
        form = ContactForm(prefix="contact", initial=initial, member=request.user.is_authenticated)
    if reachable is None:
        reachable = city is not None and services.reachable(city)
    return {
        "request": request,
        "page": page,
        "city": city,
        "form": form,
        "reachable": reachable,
        "csrf_token": context.get("csrf_token"),
    }


@register.inclusion_tag("knowledge/interaction/replication.html", takes_context=True)
def replication_panel(context, page):
    request = context["request"]
    counts, cities = services.replication_of(page)
    form = _submitted(request, "replication")
    membership = members.membership_of(request.user)
    own_city = page.city is not None and membership is not None
    own_city = own_city and membership.city_key == page.city.translation_key
    if form is None and membership is not None and not own_city and page.city is not None:
        recorded = ReplicationInterest.objects.filter(
            initiative_key=page.translation_key, city_key=membership.city_key
        ).first()
        initial = {"kind": recorded.kind, "note": recorded.note} if recorded else {}
        form = ReplicationForm(prefix="replication", initial=initial)
    return {
        "request": request,
        "page": page,
        "counts": counts,
        "replicated": [city for kind, city in cities if kind == Kind.REPLICATED],
        "interested": [city for kind, city in cities if kind == Kind.INTERESTED],
        "form": form,
        "own_city": own_city,
        "csrf_token": context.get("csrf_token"),
    }
