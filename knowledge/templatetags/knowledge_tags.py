"""Template tags of the knowledge base: SDG badges, share links, maps and structured data."""

from urllib.parse import quote, urlencode

from django import template
from django.http import QueryDict
from django.utils.safestring import mark_safe

from django_countries import countries

from ..base import cache_tags
from ..base.reader_urls import url_for_reader
from ..community import services
from ..initiatives import related
from ..maps import initiatives as initiative_map
from ..maps.tiles import tile_map
from ..models.cities import page_extras

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_url(context, page):
    """The address of `page` in the reader's language (knowledge.base.reader_urls)."""
    return url_for_reader(page, context["request"])


@register.filter
def country_name(code):
    """The country's name in the active language."""
    return countries.name(str(code)) if code else ""


@register.inclusion_tag("knowledge/includes/sdg_badges.html")
def sdg_badges(goals, link_base=None, size="normal"):
    return {"goals": goals, "link_base": link_base, "size": size}


@register.inclusion_tag("knowledge/includes/share_links.html", takes_context=True)
def share_links(context, page):
    """Plain links to share `page`: no third-party script runs on our pages."""
    request = context["request"]
    url = page.get_full_url(request)
    title = page.title
    encoded = quote(url, safe="")
    links = [
        ("facebook", "Facebook", f"https://www.facebook.com/sharer/sharer.php?u={encoded}"),
        ("x", "X", "https://x.com/intent/post?" + urlencode({"url": url, "text": title})),
        (
            "linkedin",
            "LinkedIn",
            f"https://www.linkedin.com/sharing/share-offsite/?url={encoded}",
        ),
        ("whatsapp", "WhatsApp", "https://wa.me/?" + urlencode({"text": f"{title} {url}"})),
        (
            "weibo",
            "Weibo",
            "https://service.weibo.com/share/share.php?" + urlencode({"url": url, "title": title}),
        ),
        ("vk", "VK", "https://vk.com/share.php?" + urlencode({"url": url, "title": title})),
        ("email", None, "mailto:?" + urlencode({"subject": title, "body": url}, quote_via=quote)),
    ]
    return {"links": links, "title": title}


@register.inclusion_tag("knowledge/includes/city_location.html")
def city_location(city):
    return {"city": city, "map": tile_map(city.latitude, city.longitude)}


@register.simple_tag(takes_context=True)
def city_initiative_map(context, city):
    """The map of the initiatives of the city's language, with `city` marked (city_page.html:
    here rather than in the page model, which the map's module imports)."""
    request = context["request"]
    return initiative_map.build(
        request,
        city.initiatives.model.objects.live().public().filter(locale_id=city.locale_id),
        listing=initiative_map.listing_url(request, city.locale_id),
        current_city=city.pk,
    )


@register.simple_tag(takes_context=True)
def initiative_shared_parts(context, initiative):
    """What an initiative page shows the same to every reader, built and kept together with
    the page (cache_tags.page_fragment), so that reading them again costs two reads of the
    cache: {"related": the related initiatives' section, "sections": the sections other apps
    add (awards, replications), "reachable": whether its city can be written to}.

    Kept until the page changes or its related list is chosen again (which purges the page),
    one of the cards' pages or their cities changes, an initiative is unpublished or hidden
    (`shows-initiativepage`, one of the page's tags), or a tag that the code building them
    names (`awards`, the city's `city-<key>`) is purged."""
    request = context["request"]

    def build():
        pages = related.related_initiatives(initiative).with_card_data()
        cards = initiative.prepare_cards(pages, request)
        template = context.template.engine.get_template(
            "knowledge/includes/related_initiatives.html"
        )
        html = template.render(context.new({"related_initiatives": cards}))
        shown = {page.pk for page in cards} | {page.city_id for page in cards if page.city_id}
        city = initiative.city
        return {
            "related": str(html),
            "sections": page_extras("initiative_page_sections", request, initiative),
            "reachable": city is not None and services.reachable(city),
            "pages": sorted(shown),
        }

    parts = cache_tags.page_fragment(
        request,
        initiative,
        "shared-parts",
        build,
        tags_of=lambda value: [f"page-{pk}" for pk in value["pages"]],
    )
    return {**parts, "related": mark_safe(parts["related"])}


@register.simple_tag
def query_toggle(query_string, name, value):
    """The current query string with `value` of filter `name` switched on or off."""
    query = QueryDict(query_string, mutable=True)
    values = [v for raw in query.getlist(name) for v in raw.split(",") if v]
    if str(value) in values:
        values.remove(str(value))
    else:
        values.append(str(value))
    if values:
        query.setlist(name, values)
    else:
        query.pop(name, None)
    query.pop("page", None)
    return "?" + query.urlencode()
