"""Wagtail's elasticsearch9 backend with an analyser per language (see search.backends)."""

from modelsearch.backends import elasticsearch9

from . import language_backend

SearchBackend = language_backend(elasticsearch9)
