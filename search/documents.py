"""Keeps search.models in step with the pages: called by the search backends' indexes
(search.backends.DocumentsIndexMixin) whenever Wagtail indexes or removes an object, by
`update_index` included, and when a page's goals or themes change.

Live and public are not stored: every search joins the pages and applies Page.live() and
public(), so a page unpublished or restricted is out of the results at once.
"""

import re

from django.db import connection, transaction
from django.db.models.signals import m2m_changed

from modelsearch.index import AutocompleteField, RelatedFields, SearchField

from knowledge.query import keywords

from .facets import attributes_of, facet_keys
from .models import SearchDocument
from .types import SEARCHABLE_TYPES

# PostgreSQL's text search configuration of each content language. Chinese has no parser in
# PostgreSQL: its text is indexed as single characters and pairs of characters (cjk_terms) with
# the "simple" configuration, and queries are split the same way.
CONFIGS = {
    "en": "english",
    "fr": "french",
    "es": "spanish",
    "ru": "russian",
    "ar": "arabic",
    "zh-hans": "simple",
}
# Fields read as the lead text (weight B) besides those boosted in search_fields.
LEAD_FIELDS = {"summary", "intro"}
CJK_RUN = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
MAX_TEXT = 200_000  # characters of one weight class; beyond it PostgreSQL's tsvector limit nears

_types = {model: label for label, model in SEARCHABLE_TYPES.items()}


def config_for(language_code):
    return CONFIGS.get(language_code, "simple")


def cjk_terms(text):
    """`text` with each run of Chinese or Japanese characters replaced by its characters and
    its pairs of adjacent characters, as separate words
    ("粮食安全" -> "粮 食 安 全 粮食 食安 安全")."""

    def terms(match):
        run = match.group(0)
        pairs = [run[i : i + 2] for i in range(len(run) - 1)]
        return " " + " ".join([*run, *pairs]) + " "

    return CJK_RUN.sub(terms, text)


def cjk_query_terms(query):
    """The terms a query in Chinese or Japanese is looked up by: each run of two or more
    characters as its pairs, a single character as itself, other words as they are."""
    terms = []
    for word in query.split():
        position = 0
        for match in CJK_RUN.finditer(word):
            terms += word[position : match.start()].split()
            run = match.group(0)
            terms += [run] if len(run) == 1 else [run[i : i + 2] for i in range(len(run) - 1)]
            position = match.end()
        if word[position:]:
            terms.append(word[position:])
    return terms


def _text(value):
    if value is None:
        return ""
    if isinstance(value, list | tuple):
        return " ".join(_text(item) for item in value)
    if isinstance(value, dict):
        return " ".join(_text(item) for item in value.values())
    return keywords.plain_text(value)


def _texts(obj, fields, out):
    for field in fields:
        if isinstance(field, RelatedFields):
            related = field.get_value(obj)
            if related is None:
                continue
            items = related.all() if hasattr(related, "all") else [related]
            for item in items:
                _texts(item, field.fields, out)
        elif isinstance(field, SearchField) and not isinstance(field, AutocompleteField):
            if field.field_name == "title" and obj is out["page"]:
                weight = "A"
            elif field.field_name in LEAD_FIELDS or (field.boost or 0) >= 2:
                weight = "B"
            else:
                weight = "C"
            out[weight].append(_text(field.get_value(obj)))


def weighted_texts(page):
    """{"A": title, "B": lead text, "C": the rest} of a page, normalised as queries are."""
    out = {"page": page, "A": [], "B": [], "C": []}
    _texts(page, page.get_search_fields(), out)
    texts = {}
    for weight in "ABC":
        text = keywords.normalise(" ".join(part for part in out[weight] if part))[:MAX_TEXT]
        if page.locale.language_code == "zh-hans" or CJK_RUN.search(text):
            text = cjk_terms(text)
        texts[weight] = text
    return texts


def _vector_sql(texts, config):
    parts, params = [], []
    for weight, text in texts.items():
        parts.append(f"setweight(to_tsvector(%s::regconfig, %s), '{weight}')")
        params += [config, text]
    return " || ".join(parts), params


def store(objs):
    """Write the documents of the searchable pages among `objs` (other objects are ignored):
    one statement for the lot (INSERT … ON CONFLICT), then their facet values."""
    pages = [obj for obj in objs if type(obj) in _types and obj.pk]
    if not pages:
        return
    table = SearchDocument._meta.db_table
    with transaction.atomic():
        if connection.vendor == "postgresql":
            rows, params = [], []
            for page in pages:
                sql, vector_params = _vector_sql(
                    weighted_texts(page), config_for(page.locale.language_code)
                )
                rows.append(f"(%s, %s, {sql}, '{{}}'::jsonb)")
                params += [page.pk, page.locale_id, *vector_params]
            with connection.cursor() as cursor:
                cursor.execute(
                    f"INSERT INTO {table} (page_id, locale_id, vector, facets) "  # noqa: S608 - weights are fixed letters
                    f"VALUES {', '.join(rows)} ON CONFLICT (page_id) DO UPDATE "
                    "SET locale_id = EXCLUDED.locale_id, vector = EXCLUDED.vector",
                    params,
                )
        else:
            SearchDocument.objects.bulk_create(
                [SearchDocument(page_id=page.pk, locale_id=page.locale_id) for page in pages],
                update_conflicts=True,
                unique_fields=["page"],
                update_fields=["locale"],
            )
        store_facets({page.pk: _types[type(page)] for page in pages})


def store_facets(types):
    """Write the facet values of the documents {page id: type label}."""
    documents = list(SearchDocument.objects.filter(page_id__in=list(types)))
    attributes = attributes_of({document.pk: types[document.pk] for document in documents})
    for document in documents:
        document.facets = facet_keys(attributes[document.pk])
    SearchDocument.objects.bulk_update(documents, ["facets"], batch_size=500)


def remove(obj):
    if type(obj) in _types and obj.pk:
        SearchDocument.objects.filter(page_id=obj.pk).delete()


def build_missing(sender=None, using="default", verbosity=1, **kwargs):
    """After `migrate`: when no page has a search document yet (a database from before the
    search documents, or restored from such a backup), write them all, so the site search
    finds pages from the first request. `update_index` rebuilds them at any time."""
    if SearchDocument.objects.using(using).exists():
        return
    written = 0
    for model in SEARCHABLE_TYPES.values():
        batch = []
        for page in model.objects.using(using).select_related("locale").iterator(chunk_size=500):
            batch.append(page)
            if len(batch) == 500:
                store(batch)
                written += len(batch)
                batch = []
        store(batch)
        written += len(batch)
    if written and verbosity:
        print(f"Wrote the search documents of {written} pages.")  # noqa: T201 - migrate's output


def _relations_changed(sender, instance, action, **kwargs):
    # Goals and themes are saved after the page row (modelcluster commits them after save()),
    # so the index task may have read the old ones: their facet values are written again.
    if action in ("post_add", "post_remove", "post_clear") and type(instance) in _types:
        if SearchDocument.objects.filter(page_id=instance.pk).exists():
            store_facets({instance.pk: _types[type(instance)]})


def connect():
    for model in SEARCHABLE_TYPES.values():
        for name in ("sdgs", "themes"):
            try:
                field = model._meta.get_field(name)
            except Exception:  # noqa: BLE001, S112 - the type has no such relation
                continue
            through = field.remote_field.through
            m2m_changed.connect(
                _relations_changed, sender=through, dispatch_uid=f"search-{through}"
            )
