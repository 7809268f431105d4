"""Dates, times, time zones, numbers, lists and places read as each language writes them
(CLDR through Babel: knowledge.base.reading), on pages, in calendar files and in e-mails."""

import datetime
import zoneinfo

from django.template import Context, Template
from django.utils import translation

import pytest
from bs4 import BeautifulSoup

from knowledge.base import reading

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
START = datetime.datetime(2027, 1, 19, 10, 0, tzinfo=SEOUL)
END = START + datetime.timedelta(hours=2)

# What CLDR says, per language: the long date, the same-day span, Seoul's time zone, a place,
# a list of three, a number.
EXPECTED = {
    "en": (
        "19 January 2027",
        "19 January 2027, 10:00–12:00",
        "Korean Standard Time",
        "Seoul, Republic of Korea",
        "housing, transport and water",
        "1,234,567.5",
    ),
    "ar": (
        "19 يناير 2027",
        "19 يناير 2027، 10:00 ص – 12:00 م",
        "توقيت كوريا الرسمي",
        "سيول، جمهورية كوريا",
        "الإسكان والنقل والمياه",
        "1,234,567.5",
    ),
    "zh-hans": (
        "2027年1月19日",
        "2027年1月19日 10:00–12:00",
        "韩国标准时间",
        "首尔，大韩民国",
        "住房、交通和水",
        "1,234,567.5",
    ),
    "fr": (
        "19 janvier 2027",
        "19 janvier 2027, 10:00 – 12:00",
        "heure normale de la Corée",
        "Séoul, République de Corée",
        "logement, transports et eau",
        "1\u202f234\u202f567,5",
    ),
    "ru": (
        "19 января 2027\u202fг.",
        "19 января 2027\u202fг., 10:00—12:00",
        "Корея, стандартное время",
        "Сеул, Республика Корея",
        "жильё, транспорт и вода",
        "1\xa0234\xa0567,5",
    ),
    "es": (
        "19 de enero de 2027",
        "19 de enero de 2027, 10:00–12:00",
        "hora estándar de Corea",
        "Seúl, República de Corea",
        "vivienda, transporte y agua",
        "1.234.567,5",
    ),
}
PARTS = {
    "en": (("Seoul", "Republic of Korea"), ("housing", "transport", "water")),
    "ar": (("سيول", "جمهورية كوريا"), ("الإسكان", "النقل", "المياه")),
    "zh-hans": (("首尔", "大韩民国"), ("住房", "交通", "水")),
    "fr": (("Séoul", "République de Corée"), ("logement", "transports", "eau")),
    "ru": (("Сеул", "Республика Корея"), ("жильё", "транспорт", "вода")),
    "es": (("Seúl", "República de Corea"), ("vivienda", "transporte", "agua")),
}


def _clean(text):
    # CLDR marks direction in some Arabic patterns, and puts thin spaces around a dash;
    # compared as readers see them.
    text = text.replace("\u200f", "").replace("\u061c", "")
    return text.replace("\u2009", " ").replace("\u202f", " ")


@pytest.mark.parametrize("code", EXPECTED)
def test_each_language_reads_dates_times_zones_places_lists_and_numbers_natively(code):
    day, span, zone, place, items, number = EXPECTED[code]
    (city, country), things = PARTS[code]

    assert reading.day(START.date(), code) == day
    assert _clean(reading.span(START, END, "Asia/Seoul", code)) == _clean(span)
    assert reading.zone_name(START, "Asia/Seoul", code) == zone
    assert reading.place(city, country, language=code) == place
    assert reading.items(things, code) == items
    assert reading.number(1234567.5, code) == number


@pytest.mark.parametrize("code", EXPECTED)
def test_the_template_filters_read_the_active_language(code):
    template = Template(
        "{% load reading_tags %}{{ when|day }}|{% place city country %}|{{ things|items }}"
        "|{% zone_name start 'Asia/Seoul' %}"
    )
    (city, country), things = PARTS[code]
    with translation.override(code):
        text = template.render(
            Context(
                {"when": START.date(), "city": city, "country": country, "things": things}
                | {"start": START}
            )
        )
    day, _span, zone, place, items, _number = EXPECTED[code]
    assert text == f"{day}|{place}|{items}|{zone}"


def test_a_zone_without_a_name_of_its_own_is_named_not_shown_as_an_offset():
    names = {code: reading.zone_name(START, "Asia/Bangkok", code) for code in EXPECTED}

    assert names["en"] == "Indochina Time"
    assert names["zh-hans"] == "印度支那时间" or "时间" in names["zh-hans"]
    assert not [name for name in names.values() if "+07" in name or "GMT" in name]
    bogota = reading.zone_name(START, "America/Bogota", "fr")
    assert bogota == "heure normale de Colombie"


def test_days_over_midnight_show_both_dates():
    end = START + datetime.timedelta(days=1)
    assert reading.span(START, end, "Asia/Seoul", "zh-hans") == (
        "2027年1月19日 10:00 – 2027年1月20日 10:00"
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    "code, date, zone",
    [
        ("zh-hans", "2027年1月19日 10:00–12:00", "韩国标准时间"),
        ("fr", "19 janvier 2027, 10:00 – 12:00", "heure normale de la Corée"),
        ("ar", "19 يناير 2027، 10:00 ص – 12:00 م", "توقيت كوريا الرسمي"),
    ],
)
def test_event_page_and_calendar_read_natively(client, make_event, code, date, zone):
    event = make_event(
        "Seoul forum", START, END, time_zone="Asia/Seoul", venue="City Hall", city="Seoul"
    )
    url = event.url.replace("/en/", f"/{code}/", 1)  # served untranslated in the language

    when = BeautifulSoup(client.get(url).content, "html.parser").select_one(".event-when")

    text = _clean(when.get_text(" ", strip=True))
    assert _clean(date) in text
    assert text.endswith(f"({zone})")
    assert "KST" not in text and "+09" not in text
    calendar = client.get(url + "calendar/").content.decode()
    unfolded = _clean(calendar.replace("\r\n ", "").replace("\\,", ","))
    assert f"DESCRIPTION:{_clean(date)} ({zone})" in unfolded
    assert f"LOCATION:City Hall{reading.separator(code)}Seoul" in unfolded
    assert f"URL:http://testserver/{code}/" in unfolded  # the page in the reader's language


@pytest.mark.parametrize("count", [0, 1, 2, 3, 11, 100])
def test_arabic_initiative_counts_read_as_one_pattern(count):
    """Every Arabic plural form of the tiles' and listings' count is "<number> <noun>", never
    "عدد المبادرات: <number>" beside "<number> مبادرات" on the same page."""
    template = Template(
        "{% load i18n %}{% blocktranslate count counter=count %}{{ counter }} initiative"
        "{% plural %}{{ counter }} initiatives{% endblocktranslate %}"
    )
    with translation.override("ar"):
        text = template.render(Context({"count": count}))
    number, noun = text.split(" ", 1)
    assert number == str(count)
    assert noun.startswith("مبادر"), text
