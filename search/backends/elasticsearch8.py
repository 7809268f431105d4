"""Wagtail's elasticsearch8 backend with an analyser per language (see search.backends)."""

from modelsearch.backends import elasticsearch8

from . import language_backend

SearchBackend = language_backend(elasticsearch8)
