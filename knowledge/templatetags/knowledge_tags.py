"""Template tags of the knowledge base: SDG badges, share links, maps and structured data."""

from urllib.parse import quote, urlencode

from django import template
from django.http import QueryDict
from django.utils import translation
from django.utils.html import json_script
from django.utils.safestring import mark_safe

from django_countries import countries

from ..maps import tile_map
from ..reader_urls import url_for_reader

register = template.Library()


@register.simple_tag(takes_context=True)
def reader_url(context, page):
    """The address of `page` in the reader's language (knowledge.reader_urls)."""
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
def initiative_json_ld(context, page, goals, themes):
    """schema.org structured data of an initiative, for search engines."""
    request = context["request"]
    city = page.city
    data = {
        "@context": "https://schema.org",
        "@type": "Article",
        "headline": page.title,
        "description": page.summary,
        "url": page.get_full_url(request),
        "inLanguage": page.locale.language_code,
        "datePublished": page.first_published_at.isoformat() if page.first_published_at else None,
        "dateModified": page.last_published_at.isoformat() if page.last_published_at else None,
        "keywords": [theme.title for theme in themes],
        "about": [
            {"@type": "Thing", "name": f"SDG {goal.number}: {goal.short_title}"} for goal in goals
        ],
    }
    if city is not None:
        with translation.override(page.locale.language_code):
            country = str(countries.name(city.country.code))
        place = {
            "@type": "City",
            "name": city.title,
            "containedInPlace": {"@type": "Country", "name": country},
        }
        if city.has_coordinates:
            place["geo"] = {
                "@type": "GeoCoordinates",
                "latitude": float(city.latitude),
                "longitude": float(city.longitude),
            }
        data["spatialCoverage"] = place
    if page.image_id:
        data["image"] = page.image.get_rendition("fill-1200x675").full_url
    return _json_ld({key: value for key, value in data.items() if value not in (None, [], "")})


@register.simple_tag(takes_context=True)
def city_json_ld(context, city):
    request = context["request"]
    data = {
        "@context": "https://schema.org",
        "@type": "City",
        "name": city.title,
        "url": city.get_full_url(request),
        "containedInPlace": {"@type": "Country", "name": str(countries.name(city.country.code))},
    }
    if city.has_coordinates:
        data["geo"] = {
            "@type": "GeoCoordinates",
            "latitude": float(city.latitude),
            "longitude": float(city.longitude),
        }
    if city.website:
        data["sameAs"] = [city.website]
    return _json_ld(data)


def _json_ld(data):
    # json_script escapes <, > and & so the data cannot close the script element.
    script = json_script(data, element_id=None).replace(
        '<script type="application/json">', '<script type="application/ld+json">', 1
    )
    return mark_safe(script)  # noqa: S308 - built by json_script above


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
