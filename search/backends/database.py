"""Wagtail's database search backend (SQLite FTS5, PostgreSQL full-text search) with every query
bounded before it is compiled, whoever searches: the site, the API and the admin alike.
PostgreSQL's backend builds one nested expression per word, and a query of a few hundred words
exceeded Python's recursion limit, a server error. A query string keeps its first
MAX_QUERY_WORDS words; a query object (the admin parses quotes into And/Or of PlainText and
Phrase) keeps its first MAX_QUERY_WORDS parts, each plain text cut the same way."""

import copy
import sys

from wagtail.search.backends.database import SearchBackend as DatabaseSearchBackend
from wagtail.search.query import And, Boost, Fuzzy, Not, Or, PlainText

from knowledge.query.keywords import normalise
from knowledge.query.parameters import MAX_QUERY_WORDS

from .documents import with_documents


def _words(text):
    return " ".join(text.split()[:MAX_QUERY_WORDS])


def bounded_query(query):
    if isinstance(query, str):
        return _words(query)
    if isinstance(query, PlainText | Fuzzy):
        bounded = copy.copy(query)
        bounded.query_string = _words(query.query_string)
        return bounded
    if isinstance(query, And | Or):
        return type(query)([bounded_query(part) for part in query.subqueries[:MAX_QUERY_WORDS]])
    if isinstance(query, Not | Boost):
        bounded = copy.copy(query)
        bounded.subquery = bounded_query(query.subquery)
        return bounded
    return query


class BoundedQueriesMixin:
    def _search(self, query_compiler_class, query, model_or_queryset, **kwargs):
        return super()._search(
            query_compiler_class, bounded_query(query), model_or_queryset, **kwargs
        )


def normalising(indexer_class):
    """`indexer_class` (the database backend module's ObjectIndexer, which its index builds
    in add_items and offers no other hook for) writing text normalised as queries are
    (knowledge.query.keywords.normalise): an Arabic page written with أ is found by ا, and the
    reverse. Indexes written before need `update_index`."""
    if not getattr(indexer_class, "normalises_text", False):
        prepare_value = indexer_class.prepare_value

        def normalised(self, value):
            return normalise(prepare_value(self, value))

        indexer_class.prepare_value = normalised
        indexer_class.normalises_text = True


_bounded_classes = {}


def SearchBackend(params):  # noqa: N802 - the name Wagtail looks for in a backend module
    """The backend Wagtail chooses for the database in use, with bounded queries, keeping the
    site search's documents (search.documents)."""
    base = type(DatabaseSearchBackend(params))
    if base not in _bounded_classes:
        indexer = getattr(sys.modules[base.__module__], "ObjectIndexer", None)
        if indexer is not None:
            normalising(indexer)
        # In the module of the backend it extends: search.engine tells SQLite's by its module.
        _bounded_classes[base] = type(
            f"Bounded{base.__name__}",
            (BoundedQueriesMixin, base),
            {"__module__": base.__module__, "index_class": with_documents(base.index_class)},
        )
    return _bounded_classes[base](params)
