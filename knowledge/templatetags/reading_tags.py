"""Template filters and tags that write dates, times, time zones, numbers, lists and places as
the reader's language does (knowledge.base.reading, CLDR through Babel). Every template that shows
one of them, e-mails and PDFs included, goes through these.

    {{ value|day }}  {{ value|moment }}  {{ value|moment:zone }}  {{ number|number }}
    {{ themes|items }}  {% place city.title country_name %}  {% span start end zone %}
    {% zone_name start zone %}
"""

from django import template

from ..base import reading

register = template.Library()


@register.filter
def day(value, width="long"):
    return reading.day(value, width=width)


@register.filter
def moment(value, zone=None):
    return reading.moment(value, zone or None)


@register.filter
def short_moment(value, zone=None):
    return reading.moment(value, zone or None, width="medium")


@register.filter
def clock(value, zone=None):
    return reading.clock(value, zone or None)


@register.filter
def number(value):
    return reading.number(value)


@register.filter
def items(values):
    return reading.items(values)


@register.simple_tag
def place(*parts):
    return reading.place(*parts)


@register.simple_tag
def span(start, end, zone=None):
    return reading.span(start, end, zone)


@register.simple_tag
def zone_name(value, zone):
    return reading.zone_name(value, zone)


@register.simple_tag
def place_separator():
    """The separator between the parts of a place, where they are written separately (links)."""
    return reading.separator()
