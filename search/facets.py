"""Facet values of pages (stored with the search documents) and their counts, done by the
database: a fixed number of queries whatever the number of matches."""

from collections import Counter

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import EmptyResultSet
from django.db import connection

from wagtail.models import Page

from django_countries import countries

from knowledge.base.regions import Region
from knowledge.models.localized import LocalizedTaxonomy

from .goals import GOAL_TYPE, GOAL_TYPE_LABEL
from .models import SearchDocument
from .resources import RESOURCE_TYPE, RESOURCE_TYPE_LABEL
from .types import SEARCHABLE_TYPES

FACETS = ["type", "sdg", "theme", "region", "country", "year"]


def _empty(type_name):
    return {
        "type": {type_name},
        "sdg": set(),
        "theme": set(),
        "region": set(),
        "country": set(),
        "year": set(),
    }


def page_types(ids):
    """{page id: type name (the API's "knowledge.InitiativePage")} in one query."""
    labels = {
        ContentType.objects.get_for_model(model).pk: label
        for label, model in SEARCHABLE_TYPES.items()
    }
    rows = Page.objects.filter(pk__in=ids).values_list("pk", "content_type_id")
    return {pk: labels.get(content_type, "") for pk, content_type in rows}


def pages_by_type(types):
    """{type name: [page ids]} from page_types()."""
    grouped = {}
    for pk, label in types.items():
        grouped.setdefault(label, []).append(pk)
    return grouped


def attributes_of(types):
    """{page id: {facet: set of values}} of pages, given their page_types()."""
    attributes = {pk: _empty(label) for pk, label in types.items()}
    by_type = pages_by_type(types)

    def add(pk, name, value):
        if value not in (None, ""):
            attributes[pk][name].add(value)

    for label, pks in by_type.items():
        model = SEARCHABLE_TYPES.get(label)
        if model is None:
            continue
        pages = model.objects.filter(pk__in=pks)
        names = {f.name for f in model._meta.get_fields()}
        if "sdgs" in names:
            for pk, number in pages.values_list("pk", "sdgs__number"):
                add(pk, "sdg", number)
        if "themes" in names:
            for pk, code in pages.values_list("pk", "themes__code"):
                add(pk, "theme", code)
        if "city" in names and model._meta.get_field("city").is_relation:
            for pk, region, country in pages.values_list("pk", "city__region", "city__country"):
                add(pk, "region", region)
                add(pk, "country", str(country) if country else None)
        if "region" in names:
            for pk, region in pages.values_list("pk", "region"):
                add(pk, "region", region)
        if "country" in names:
            for pk, country in pages.values_list("pk", "country"):
                add(pk, "country", str(country) if country else None)
        if "start_year" in names:
            for pk, year in pages.values_list("pk", "start_year"):
                add(pk, "year", year)
        elif "year" in names:
            for pk, year in pages.values_list("pk", "year"):
                add(pk, "year", year)
        elif "start" in names:
            for pk, start in pages.values_list("pk", "start"):
                add(pk, "year", start.year if start else None)
    return attributes


def matches(values, selected, skip=None):
    return all(values[name] & wanted for name, wanted in selected.items() if name != skip)


# Facets whose values are numbers (text in the keys of SearchDocument.facets).
NUMERIC = {"sdg", "year"}


def facet_key(name, value):
    return f"{name}:{value}"


def facet_keys(values):
    """The keys of SearchDocument.facets for {facet: set of values}."""
    return {facet_key(name, value): 1 for name in FACETS for value in values.get(name, ())}


def narrowed(documents, selected, skip=None):
    """`documents` (SearchDocument queryset) holding a chosen value of every selected facet but
    `skip`: OR within a facet, AND across facets."""
    for name, values in selected.items():
        if name != skip and values:
            documents = documents.filter(
                facets__has_any_keys=[facet_key(name, value) for value in values]
            )
    return documents


# The keys of each document's facets, as rows `e.key`, in each database's dialect.
FACET_KEYS = {
    "postgresql": "jsonb_object_keys(d.facets) AS e(key)",
    "sqlite": "json_each(d.facets) AS e",
}


def _count_keys(documents):
    """{facet key: number of `documents` holding it}, counted by the database."""
    try:
        among, params = documents.order_by().values("pk").query.sql_with_params()
    except EmptyResultSet:  # no match (an empty list of ids)
        return {}
    table = SearchDocument._meta.db_table
    sql = (
        f"SELECT e.key, COUNT(*) FROM {table} d, {FACET_KEYS[connection.vendor]} "  # noqa: S608 - fixed names
        f"WHERE d.page_id IN ({among}) GROUP BY e.key"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return dict(cursor.fetchall())


def facet_counts(documents, selected, locale, extra=(), counters=None):
    """Each facet's values with the number of results choosing it would give, counted by the
    database over the matched `documents` that match the other selected facets (choices
    within a facet are alternatives). The facets without a selection share one GROUP BY
    query over the selected results; each facet with a selection has its own. `extra` are the
    attribute sets of results that are not pages (goals, certification resources). `counters`
    ({facet: Counter}) are the pages' counts when already counted (search.combined).

    Returns (facets, number of matched documents when nothing is selected, else None)."""
    if counters is None:
        counters = _counters(documents, selected)
    # Every page has one type: with nothing selected, the type counts add up to the matches.
    total = None if selected else sum(counters["type"].values())
    for name in FACETS:
        for values in extra:
            if matches(values, selected, skip=name):
                counters[name].update(values[name])
    # Goal and theme titles of the language from the cache (dropped when one changes).
    taxonomy = LocalizedTaxonomy(locale.pk)
    facets = {name: _labelled(name, counters[name], taxonomy) for name in FACETS}
    return facets, total


def _counters(documents, selected):
    counters = {name: Counter() for name in FACETS}
    groups = [[name for name in FACETS if name not in selected]]
    groups += [[name] for name in FACETS if name in selected]
    for names in groups:
        if not names:
            continue
        skip = names[0] if names[0] in selected else None
        for key, n in _count_keys(narrowed(documents, selected, skip=skip)).items():
            name, _, value = key.partition(":")
            if name in names:
                counters[name][int(value) if name in NUMERIC else value] = n
    return counters


def _labelled(name, counter, taxonomy):
    if name == "type":
        labels = {
            value: str(SEARCHABLE_TYPES[value]._meta.verbose_name_plural).capitalize()
            for value in counter
            if value in SEARCHABLE_TYPES
        }
        if GOAL_TYPE in counter:
            labels[GOAL_TYPE] = str(GOAL_TYPE_LABEL)
        if RESOURCE_TYPE in counter:
            labels[RESOURCE_TYPE] = str(RESOURCE_TYPE_LABEL)
        order = sorted(counter, key=lambda value: (-counter[value], labels[value]))
    elif name == "sdg":
        goals = taxonomy.goals
        labels = {
            value: f"{value}. {goals[value].short_title if value in goals else ''}".strip()
            for value in counter
        }
        order = sorted(counter)
    elif name == "theme":
        themes = taxonomy.themes
        labels = {value: themes[value].title if value in themes else value for value in counter}
        order = sorted(counter, key=lambda value: labels[value])
    elif name == "region":
        labels = {value: str(Region(value).label) for value in counter if value in Region.values}
        order = sorted(labels, key=lambda value: labels[value])
    elif name == "country":
        labels = {value: countries.name(value) or value for value in counter}
        order = sorted(counter, key=lambda value: labels[value])
    else:
        labels = {value: str(value) for value in counter}
        order = sorted(counter, reverse=True)
    return [{"value": value, "label": labels[value], "count": counter[value]} for value in order]
