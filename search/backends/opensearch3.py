"""Wagtail's opensearch3 backend with an analyser per language (see search.backends)."""

from modelsearch.backends import opensearch3

from . import language_backend

SearchBackend = language_backend(opensearch3)
