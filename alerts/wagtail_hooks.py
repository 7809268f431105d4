"""What saved searches add to the pages of knowledge: "Save this search" on the initiatives
database, and a link to the saved searches in My City."""

from urllib.parse import urlencode

from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext as _

from wagtail import hooks

from knowledge.query.parameters import FilterError

from .models import SavedSearch
from .searches import normalise

MAX_SUGGESTED_NAME = 120


@hooks.register("initiative_index_actions")
def save_search_control(request, page):
    """The form that saves the listing's current parameters, for signed-in people."""
    if not request.user.is_authenticated:
        return None
    try:
        parameters = normalise(request.GET)
    except FilterError:
        return None
    suggested = " · ".join(value for value in parameters.values()) or page.title
    return render_to_string(
        "alerts/save_control.html",
        {
            "query": urlencode(sorted(parameters.items())),
            "suggested_name": suggested[:MAX_SUGGESTED_NAME],
        },
        request=request,
    )


@hooks.register("my_city_dashboard_sections")
def saved_searches_section(request, membership):
    count = SavedSearch.objects.filter(user=request.user).count()
    return format_html(
        '<section aria-labelledby="saved-searches-heading" class="my-city-section">'
        '<h2 id="saved-searches-heading">{}</h2><p>{}</p><p><a href="{}">{}</a></p></section>',
        _("Saved searches"),
        _("Searches of the initiatives database you saved: %(count)d.") % {"count": count},
        reverse("alerts:list"),
        _("Manage your saved searches"),
    )
