"""Wagtail's opensearch2 backend with an analyser per language (see search.backends)."""

from modelsearch.backends import opensearch2

from . import language_backend

SearchBackend = language_backend(opensearch2)
