"""Dates, times, time zones, numbers and lists as a reader of each language writes them, from
the Unicode CLDR through Babel (imports nothing of ours, so every app and template may use it).

Django's own formats lay a Chinese date out as "19 一月 2027" and join lists with a Latin
comma; CLDR says 2027年1月19日, "a、b和c", and names time zones ("heure normale de la Corée")
where Django prints "+07". Templates reach these through knowledge.templatetags.reading_tags.
"""

import datetime
import zoneinfo

from django.utils import timezone, translation

from babel import Locale, UnknownLocaleError
from babel import dates as babel_dates
from babel import lists as babel_lists
from babel import numbers as babel_numbers

# Separators of the parts of a place ("Seoul, Republic of Korea"): CLDR has no pattern for them
# and its lists join with "and" in Arabic (و); Chinese separates them with the full-width comma
# (lists of items take the enumeration comma "、"), Arabic with the Arabic comma; the other
# languages with the separator of CLDR's list pattern.
PLACE_SEPARATORS = {"zh": "，", "ar": "، "}


# The platform's English is British, as the UN's is ("14 May 2030", a 24-hour clock).
REGIONS = {"en": "en_GB"}


def locale_of(language=None):
    """The Babel locale of a Django language code ("zh-hans" -> zh_Hans), the active one by
    default; English for a code CLDR does not know."""
    language = language or translation.get_language() or "en"
    code = REGIONS.get(language) or translation.to_locale(language)
    try:
        return Locale.parse(code.replace("_hans", "_Hans").replace("_hant", "_Hant"))
    except (UnknownLocaleError, ValueError):
        return Locale.parse(REGIONS["en"])


def _aware(value, zone=None):
    """`value` as a datetime in `zone` (the current time zone by default)."""
    if isinstance(zone, str):
        try:
            zone = zoneinfo.ZoneInfo(zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError):
            zone = None
    if timezone.is_naive(value):
        value = timezone.make_aware(value, zone or timezone.get_current_timezone())
    return timezone.localtime(value, zone or timezone.get_current_timezone())


def day(value, language=None, width="long"):
    """A date (or the date of a datetime in the current time zone): "19 janvier 2027",
    "2027年1月19日", "19 يناير 2027"."""
    if value in (None, ""):
        return ""
    if isinstance(value, datetime.datetime):
        value = _aware(value).date()
    return babel_dates.format_date(value, width, locale=locale_of(language))


def clock(value, zone=None, language=None):
    """The time of a datetime in `zone`: "10:00", "上午10:00" as the language writes it."""
    if value in (None, ""):
        return ""
    return babel_dates.format_time(_aware(value, zone), "short", locale=locale_of(language))


def moment(value, zone=None, language=None, width="long"):
    """A date and time in `zone` (the current time zone by default), glued as CLDR says."""
    if value in (None, ""):
        return ""
    value = _aware(value, zone)
    locale = locale_of(language)
    date = babel_dates.format_date(value, width, locale=locale)
    time = babel_dates.format_time(value, "short", locale=locale)
    return babel_dates.get_datetime_format(width, locale=locale).format(time, date)


def span(start, end, zone=None, language=None):
    """From `start` to `end` in `zone`, with CLDR's interval patterns: the date once when both
    fall on the same day ("19 janv. 2027, 10:00–12:00")."""
    start, end = _aware(start, zone), _aware(end, zone)
    locale = locale_of(language)
    if start.date() == end.date():
        hours = "H" if "H" in locale.time_formats["short"].pattern else "h"
        times = babel_dates.format_interval(
            start, end, f"{hours}m", tzinfo=start.tzinfo, locale=locale
        )
        date = babel_dates.format_date(start, "long", locale=locale)
        return babel_dates.get_datetime_format("long", locale=locale).format(times, date)
    fallback = locale.interval_formats.get(None, "{0} – {1}")
    return fallback.format(
        moment(start, start.tzinfo, language),
        moment(end, end.tzinfo, language),
    )


def zone_name(value, zone, language=None):
    """The name readers of `language` know `zone` by at the time `value`: "Korean Standard
    Time", "heure normale de la Corée", "韩国标准时间", not "+07" or "KST"."""
    value = _aware(value, zone)
    return babel_dates.get_timezone_name(value, "long", locale=locale_of(language))


def number(value, language=None):
    """A number with the language's digits grouping and decimal sign."""
    if value in (None, ""):
        return ""
    return babel_numbers.format_decimal(value, locale=locale_of(language))


def items(values, language=None, style="standard"):
    """Items joined as a list in the language: "a, b et c", "a、b和c", "a وb وc"."""
    values = [str(value) for value in values if value not in (None, "")]
    if not values:
        return ""
    return babel_lists.format_list(values, style=style, locale=locale_of(language))


def separator(language=None):
    """The separator of a place's parts in the language: ", ", "، ", "，"."""
    locale = locale_of(language)
    if locale.language in PLACE_SEPARATORS:
        return PLACE_SEPARATORS[locale.language]
    middle = locale.list_patterns["standard"]["middle"]  # "{0}, {1}", "{0}، {1}"
    return middle.replace("{0}", "").replace("{1}", "")


def place(*parts, language=None):
    """The parts of a place, from small to large ("Seoul", "Republic of Korea"), joined."""
    return separator(language).join(str(part) for part in parts if part not in (None, ""))
