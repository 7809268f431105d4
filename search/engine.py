"""Site search across content types, with facets: the one search service of the search page
and the search API.

It searches the live, public pages of one language (exact phrase first, then all the words,
then some, title and lead text weighing most). On PostgreSQL the database matches and ranks
(search.ranking, over search.models' vectors and their GIN index); on SQLite, Elasticsearch
and OpenSearch the search backend does, and the first MAX_MATCHES matches are kept. Facets span
content types and many-to-many relations, which a backend's own .facet() cannot count: they
are counted by the database with GROUP BY over the stored facet values of the matches.
"""

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.db import connection
from django.utils import translation
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.text import Truncator

from wagtail.models import Page
from wagtail.search.backends import get_search_backend

from modelsearch.query import Phrase

from knowledge.base import cache_tags
from knowledge.models import SustainableDevelopmentGoal, Theme
from knowledge.query import keywords

from . import combined, ranking
from .backends import searching_in
from .facets import FACETS, facet_counts, matches, narrowed, page_types, pages_by_type
from .goals import GOAL_TYPE, GoalResult, goal_results
from .models import SearchDocument
from .resources import RESOURCE_TYPE, ResourceResult, resource_results
from .types import SEARCHABLE_TYPES

VOCABULARY_SECONDS = 600
WORD = re.compile(r"\w+")
MAX_MATCHES = 1000
EXCERPT_LENGTH = 240


def clean_query(raw):
    """The words to search for (the platform's one query cleaning, knowledge.query.keywords)."""
    return keywords.prepare(raw)


@dataclass
class SearchOutcome:
    query: str
    results: Sequence = ()  # Results: pages, goals and resources in rank order, after filters
    facets: dict = field(default_factory=dict)  # name -> [{"value", "label", "count"}]
    total_matches: int = 0  # before filters


def suggestions(locale, query):
    """The query with each unknown word replaced by the closest word of the language's titles,
    taxonomy included; None when no word is close to another."""
    vocabulary = _vocabulary(locale)
    words = query.split()
    corrected = []
    for word in words:
        if word.lower() in vocabulary:
            corrected.append(word)
            continue
        close = difflib.get_close_matches(word.lower(), vocabulary, n=1, cutoff=0.75)
        corrected.append(close[0] if close else word)
    suggestion = " ".join(corrected)
    return suggestion if suggestion.lower() != query.lower() else None


def _vocabulary(locale):
    key = f"search:vocabulary:{locale.pk}"  # a few minutes stale is harmless
    vocabulary = cache.get(key)
    if vocabulary is None:
        titles = list(base_queryset(locale).values_list("title", flat=True))
        titles += SustainableDevelopmentGoal.objects.filter(locale=locale, live=True).values_list(
            "short_title", flat=True
        )
        titles += Theme.objects.filter(locale=locale, live=True).values_list("title", flat=True)
        vocabulary = sorted(
            {word.lower() for title in titles for word in WORD.findall(title) if len(word) > 2}
        )
        cache.set(key, vocabulary, VOCABULARY_SECONDS)
    return vocabulary


def base_queryset(locale):
    content_types = ContentType.objects.get_for_models(*SEARCHABLE_TYPES.values()).values()
    # In a fixed order: the query's text is the key of its kept answer (_combined).
    content_type_ids = sorted(content_type.pk for content_type in content_types)
    return Page.objects.live().public().filter(locale=locale, content_type__in=content_type_ids)


def _ranked_ids(queryset, query):
    """Page ids in rank order: the exact phrase first, then pages with all the words, then
    pages with some of them.

    SQLite's backend scores relevance with a subquery per page of the site (seconds per query
    with thousands of initiatives), so there the backend is asked for unordered matches, title
    matches first, and _rerank orders them.
    """
    several = " " in query
    backend_ranks = "sqlite" not in type(get_search_backend()).__module__
    searches = [(Phrase(query), None, "and")] if several else []
    if not backend_ranks:
        searches.append((query, ["title"], "and"))
    searches.append((query, None, "and"))
    if several:
        searches.append((query, None, "or"))
    ids = []
    seen = set()
    for search_query, fields, operator in searches:
        results = queryset.search(
            search_query, fields=fields, operator=operator, order_by_relevance=backend_ranks
        )
        for page in results[:MAX_MATCHES]:
            if page.pk not in seen:
                seen.add(page.pk)
                ids.append(page.pk)
        if len(ids) >= MAX_MATCHES:
            break
    return ids


def _substring_ids(locale, query, exclude):
    """Pages whose title or text contains the query as typed (for unsegmented scripts)."""
    ids = []
    for model in SEARCHABLE_TYPES.values():
        lookup = keywords.substring_lookup(model, query)
        pages = model.objects.live().public().filter(locale=locale).filter(lookup)
        ids.extend(pk for pk in pages.values_list("pk", flat=True) if pk not in exclude)
    return ids[:MAX_MATCHES]


# The lead text of each type: with the title, where a match counts most.
LEAD_FIELDS = ["summary", "intro"]


def _rerank(ids, types, query):
    """Pages whose title or lead text holds the exact phrase first, then those holding all the
    words there, then the rest, each group in the backend's order. (The database backends
    index every text field but the title as one column, so their own ranking cannot tell a
    summary from a body.) `types` is page_types() of the ids."""
    leads = {}
    for label, pks in pages_by_type(types).items():
        model = SEARCHABLE_TYPES[label]
        names = [n for n in LEAD_FIELDS if any(f.name == n for f in model._meta.get_fields())]
        for row in model.objects.filter(pk__in=pks).values_list("pk", "title", *names):
            leads[row[0]] = " ".join(str(value) for value in row[1:] if value).lower()
    phrase = keywords.word_pattern([query])
    words = [keywords.word_pattern([word]) for word in query.split()]

    def tier(pk):
        lead = leads.get(pk, "")
        if phrase.search(lead):
            return 0
        if all(word.search(lead) for word in words):
            return 1
        return 2

    return sorted(ids, key=tier)


def _postgres():
    """Whether the database backend on PostgreSQL searches (not Elasticsearch or OpenSearch)."""
    backend_module = type(get_search_backend()).__module__
    return connection.vendor == "postgresql" and ".database." in backend_module


def _matched_documents(locale, query):
    """(matching SearchDocument queryset, its page ids in rank order or None when the queryset
    is ordered by rank itself)."""
    documents = SearchDocument.objects.filter(
        locale=locale, page__in=base_queryset(locale).values("pk")
    )
    if _postgres():
        return ranking.ranked(documents, locale, query), None
    with searching_in(locale.language_code):
        ids = _ranked_ids(base_queryset(locale), query)
    if keywords.UNSEGMENTED.search(query) and not keywords.segments_words():
        ids += _substring_ids(locale, query, set(ids))
    ids = _rerank(ids[:MAX_MATCHES], page_types(ids[:MAX_MATCHES]), query)
    return documents.filter(pk__in=ids), ids


class Results(Sequence):
    """The results in rank order, pages loaded only for the slice that is shown."""

    def __init__(self, keys, others):
        self.keys = keys
        self.others = others  # key -> goal or resource result

    def __len__(self):
        return len(self.keys)

    def __getitem__(self, index):
        if not isinstance(index, slice):
            return self[index : index + 1 or None][0]
        keys = self.keys[index]
        pages = Page.objects.filter(pk__in=[key for key in keys if isinstance(key, int)])
        by_key = {page.pk: page for page in pages.select_related("locale", "content_type")}
        by_key.update(self.others)
        return [by_key[key] for key in keys if key in by_key]


def _combined(documents, selected):
    """search.combined's answer, kept as a fragment until a page changes: every publication,
    unpublication, move and change of privacy purges the listings of every page type
    (cms.invalidation), and the search documents are written before that purge. A repeated
    query then costs no scan of its matches, however many there are."""
    sql, params = documents.query.sql_with_params()
    chosen = sorted((name, sorted(map(str, values))) for name, values in selected.items())
    name = "search:" + repr((sql, params, chosen, MAX_MATCHES))
    return cache_tags.fragment(
        name,
        {cache_tags.LIST_ALL, "all"},
        lambda: combined.search(documents, selected, MAX_MATCHES),
    )


def search(locale, query, selected=None):
    """Search the live, public pages of `locale`; `selected` maps facet names to sets of values
    (OR within a facet, AND across facets). On PostgreSQL the database matches, ranks and
    counts (search.ranking); elsewhere the backend ranks and the database counts."""
    selected = {name: values for name, values in (selected or {}).items() if values}
    outcome = SearchOutcome(query=query)
    if not query:
        outcome.results = Results([], {})
        return outcome
    documents, ids = _matched_documents(locale, query)
    others, extra = {}, []
    goals = goal_results(locale, query)
    resources = resource_results(locale, query)
    for goal in goals:
        others[goal.key] = goal
        extra.append(
            {**{name: set() for name in FACETS}, "type": {GOAL_TYPE}, "sdg": {goal.number}}
        )
    for resource in resources:
        others[resource.key] = resource
        extra.append({**{name: set() for name in FACETS}, "type": {RESOURCE_TYPE}})
    counters = None
    if ids is None:
        # PostgreSQL: the ranked ids and the counts in one query (search.combined).
        page_keys, counters, matched = _combined(documents, selected)
    with translation.override(locale.language_code):
        # Labels in the language searched (the API's `locale`), whatever the reader's.
        outcome.facets, counted = facet_counts(documents, selected, locale, extra, counters)
    if ids is None:
        outcome.total_matches = matched
    else:
        chosen = set(narrowed(documents, selected).values_list("pk", flat=True))
        page_keys = [pk for pk in ids if pk in chosen]
        outcome.total_matches = len(ids)
    outcome.total_matches += len(goals) + len(resources)
    # A goal's own page answers a query naming it best: goals first; certification resources
    # after the pages.
    goal_keys = [
        g.key for g, values in zip(goals, extra, strict=False) if matches(values, selected)
    ]
    resource_keys = [
        r.key
        for r, values in zip(resources, extra[len(goals) :], strict=True)
        if matches(values, selected)
    ]
    outcome.results = Results(goal_keys + page_keys + resource_keys, others)
    return outcome


def with_excerpts(pages, query):
    """The specific pages, each with an `excerpt` (HTML, query words in <mark>)."""
    page_ids = [page.pk for page in pages if isinstance(page.pk, int)]
    specific = {page.pk: page for page in Page.objects.filter(pk__in=page_ids).specific()}
    words = [word for word in query.split() if word]
    out = []
    for page in pages:
        page = specific.get(page.pk, page)
        page.excerpt = highlight(_text_of(page, words), words)
        out.append(page)
    return out


def _text_of(page, words=()):
    """The page's most telling text that holds one of the words, else its first text. Texts
    are made one at a time, most telling first, and the rest not at all once one holds a
    word: a stream field is rendered only when the lead text does not hold the query."""
    if isinstance(page, GoalResult | ResourceResult):
        return page.text
    pattern = keywords.word_pattern(words)
    first = None
    for name in keywords.TEXT_FIELDS:  # most telling first
        text = keywords.plain_text(getattr(page, name, None))
        if not text:
            continue
        if pattern is None or pattern.search(text):
            return text
        first = first or text
    return first or page.search_description or ""


def highlight(text, words):
    """An excerpt of `text` around the first query word, each word wrapped in <mark>."""
    if not text:
        return ""
    pattern = keywords.word_pattern(words)
    start = 0
    if pattern is not None:
        first = pattern.search(text)
        if first and first.start() > EXCERPT_LENGTH // 3:
            start = text.rfind(" ", 0, first.start() - EXCERPT_LENGTH // 3) + 1
    excerpt = Truncator(text[start:]).chars(EXCERPT_LENGTH)
    if start:
        excerpt = "…" + excerpt
    if pattern is None:
        return escape(excerpt)
    parts = []
    position = 0
    for match in pattern.finditer(excerpt):
        parts.append(escape(excerpt[position : match.start()]))
        parts.append(f"<mark>{escape(match.group(0))}</mark>")
        position = match.end()
    parts.append(escape(excerpt[position:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece is escaped above


__all__ = ["FACETS", "SearchOutcome", "clean_query", "highlight", "search", "with_excerpts"]
