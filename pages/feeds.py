"""RSS and Atom feeds of new initiatives, events and webinars, per language.

/<lang>/feeds/initiatives.rss (or .atom), /<lang>/feeds/events.rss, /<lang>/feeds/webinars.rss;
?sdg=11,13 and ?theme=transport narrow them as they narrow the listings; the initiatives feed
takes every parameter of the initiatives database (filters and keywords `q`) and lists the same
initiatives (knowledge.initiatives.listing.select), newest first.
"""

from django.contrib.syndication.views import Feed
from django.http import HttpResponseBadRequest
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from wagtail.models import Locale

from knowledge.base import cache_tags
from knowledge.initiatives.filters import InitiativeFilters
from knowledge.initiatives.listing import select
from knowledge.models import InitiativePage
from knowledge.query.parameters import FilterError

from .filters import WEBINAR_PARAMETERS, ScheduleFilters
from .models import EventPage, WebinarPage

ITEMS = 30


class PageFeed(Feed):
    model = None
    feed_filters = ScheduleFilters
    # The filters of the type's listings (knowledge.query.parameters): the same names and checks.
    filter_names = WEBINAR_PARAMETERS

    def __call__(self, request, *args, **kwargs):
        try:
            return super().__call__(request, *args, **kwargs)
        except FilterError as error:
            # As every listing: 400 with the message (shown by cms.middleware's error page).
            message = str(error)
            response = HttpResponseBadRequest()
            response.error_message = lambda: message
            return response

    def get_object(self, request):
        self.request = request
        return self.feed_filters.from_query(request.GET, names=self.filter_names)

    def link(self):
        return self.request.build_absolute_uri()

    def items(self, filters):
        cache_tags.add(cache_tags.list_tag(self.model))
        pages = self.model.objects.live().public().filter(locale=Locale.get_active())
        return filters.apply(pages).order_by("-first_published_at")[:ITEMS]

    def item_title(self, page):
        return page.title

    def item_description(self, page):
        return page.summary

    def item_link(self, page):
        return page.get_full_url(self.request)

    def item_guid(self, page):
        return f"{page.translation_key}:{page.locale_id}"

    item_guid_is_permalink = False

    def item_pubdate(self, page):
        return page.first_published_at

    def item_updateddate(self, page):
        return page.last_published_at


class InitiativesFeed(PageFeed):
    model = InitiativePage
    feed_filters = InitiativeFilters
    filter_names = InitiativeFilters.API_PARAMETERS

    def get_object(self, request):
        self.request = request
        return select(request.GET, Locale.get_active())[2]

    def items(self, initiatives):
        cache_tags.add(cache_tags.list_tag(self.model))
        return initiatives.order_by("-first_published_at", "-pk")[:ITEMS]

    def title(self):
        return _("New initiatives") + " · " + _("Urban SDG Knowledge Platform")

    def description(self):
        return _(
            "Policies and initiatives cities share to reach the Sustainable Development Goals."
        )


class EventsFeed(PageFeed):
    model = EventPage
    filter_names = ScheduleFilters.API_PARAMETERS

    def title(self):
        return _("Events") + " · " + _("Urban SDG Knowledge Platform")

    def description(self):
        return _("Events on urban policy for the Sustainable Development Goals.")


class WebinarsFeed(PageFeed):
    model = WebinarPage

    def title(self):
        return _("Webinars") + " · " + _("Urban SDG Knowledge Platform")

    def description(self):
        return _("Webinars with cities that put the Sustainable Development Goals into practice.")


def atom(feed_class):
    return type(f"Atom{feed_class.__name__}", (feed_class,), {"feed_type": Atom1Feed})


FEEDS = {
    "initiatives": InitiativesFeed,
    "events": EventsFeed,
    "webinars": WebinarsFeed,
}
