"""Elasticsearch and OpenSearch backends with an analyser per language.

These backends keep every language in one index per model. Each text field gets one subfield
per content language, analysed for it (`title.fr` with the French analyser, `title.zh_hans`
with the built-in `cjk` analyser, …); a search in one language queries the plain fields and that
language's subfields. The language is the one search.engine sets for the duration of a search
(`searching_in`); without it, queries use the plain fields as Wagtail's own backends do.
"""

from contextlib import contextmanager
from contextvars import ContextVar
from copy import deepcopy

from django_countries.fields import Country
from modelsearch.backends.elasticsearchbase import Field

from .documents import with_documents

# Built-in analysers of Elasticsearch 8/9 and OpenSearch 2/3, by content language.
LANGUAGE_ANALYZERS = {
    "en": "english",
    "ar": "arabic",
    "zh-hans": "cjk",
    "fr": "french",
    "ru": "russian",
    "es": "spanish",
}
_language = ContextVar("search_language", default=None)


def subfield(language_code):
    return language_code.replace("-", "_")


def analyzer_name(language_code):
    return f"usdg_{subfield(language_code)}"


# Each language's analyser declared in the index settings under a name of ours, as a built-in
# language analyser type (so the index also works where a built-in is configured differently).
ANALYSIS = {
    analyzer_name(code): {"type": analyzer} for code, analyzer in LANGUAGE_ANALYZERS.items()
}


@contextmanager
def searching_in(language_code):
    token = _language.set(language_code)
    try:
        yield
    finally:
        _language.reset(token)


def _add_language_subfields(properties):
    for mapping in properties.values():
        if mapping.get("type") == "nested":
            _add_language_subfields(mapping["properties"])
        elif mapping.get("type") == "text" and "analyzer" not in mapping:
            mapping["fields"] = {
                subfield(code): {"type": "text", "analyzer": analyzer_name(code)}
                for code in LANGUAGE_ANALYZERS
            }


class LanguageMappingMixin:
    def get_mapping(self):
        mapping = super().get_mapping()
        _add_language_subfields(mapping["properties"])
        return mapping

    def get_document(self, obj):
        # Country fields hold Country objects, which the clients cannot serialise: index codes.
        document = super().get_document(obj)
        for key, value in document.items():
            if isinstance(value, Country):
                document[key] = value.code
        return document


class LanguageQueryCompilerMixin:
    def _remap_fields(self, fields):
        remapped = super()._remap_fields(fields)
        language = _language.get()
        if language not in LANGUAGE_ANALYZERS:
            return remapped
        suffix = subfield(language)
        return remapped + [
            Field(f"{field.field_name}.{suffix}", field.boost)
            for field in remapped
            if not field.field_name.endswith("_edgengrams")
        ]


def language_backend(module):
    """The backend class of a modelsearch Elasticsearch/OpenSearch module, made
    language-aware."""
    base = module.SearchBackend
    mapping = type("LanguageMapping", (LanguageMappingMixin, base.mapping_class), {})
    compiler = type(
        "LanguageSearchQueryCompiler",
        (LanguageQueryCompilerMixin, base.query_compiler_class),
        {"mapping_class": mapping},
    )
    autocomplete = type(
        "LanguageAutocompleteQueryCompiler",
        (base.autocomplete_query_compiler_class,),
        {"mapping_class": mapping},
    )
    settings = deepcopy(base.settings)
    settings["settings"]["analysis"]["analyzer"].update(deepcopy(ANALYSIS))
    return type(
        f"Language{base.__name__}",
        (base,),
        {
            "settings": settings,
            "mapping_class": mapping,
            "query_compiler_class": compiler,
            "autocomplete_query_compiler_class": autocomplete,
            "index_class": with_documents(base.index_class),
        },
    )
