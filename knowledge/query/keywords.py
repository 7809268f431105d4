"""The one keyword search of the platform's listings: the initiatives database (`q`), the pages
API (`search`) and the site search (search.engine) all find pages through `search_pages`.

- The query is cleaned once (knowledge.query.parameters.clean_keywords: syntax characters, length,
  number of words) and normalised for its script: Arabic loses its short vowels and other
  diacritics, the tatweel, and the forms of alef with hamza or madda, so الغِذاء finds الغذاء.
- The database backends (SQLite FTS5, PostgreSQL full-text search) cannot split Chinese or
  Japanese text into words; a query in such a script also matches the pages whose title or text
  holds it as typed. Elasticsearch and OpenSearch segment these scripts themselves.
"""

import re

from django.db.models import Q
from django.utils.html import strip_tags

from wagtail.search.backends import get_search_backend

from .parameters import clean_keywords

# Scripts written without spaces between words.
UNSEGMENTED = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
# Arabic short vowels, tanwin, shadda, sukun, dagger alef and Quranic marks; the tatweel.
ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
# Letters Arabic readers write interchangeably, folded as Arabic search engines do (and as
# Elasticsearch's arabic_normalization does): alef with hamza or madda (أ إ آ) and alef wasla
# to alef, alef maksura (ى) to yeh, teh marbuta (ة) to heh.
ARABIC_LETTERS = str.maketrans(
    {
        "\u0622": "\u0627",
        "\u0623": "\u0627",
        "\u0625": "\u0627",
        "\u0671": "\u0627",
        "\u0649": "\u064a",
        "\u0629": "\u0647",
    }
)
# Text fields that may hold a query in an unsegmented script, by model, besides the title.
TEXT_FIELDS = ["summary", "intro", "description", "profile", "background", "body", "actions"]


# Where a block of rich text starts or ends, or a line breaks: the text on either side is apart.
BLOCK_TAG = re.compile(
    r"</?(?:p|li|ul|ol|h[1-6]|div|blockquote|td|th|dd|dt|figcaption)\b[^>]*>|<br\s*/?>", re.I
)


def plain_text(value):
    """Rich text or a rendered stream as one line of plain text, with a space where a paragraph,
    item or heading ends ("housing.</p><p>The city" gives "housing. The city")."""
    if not value:
        return ""
    return " ".join(strip_tags(BLOCK_TAG.sub(lambda tag: f" {tag.group(0)} ", str(value))).split())


def normalise(text):
    """`text` as it is searched and indexed: Arabic without diacritics or tatweel, its
    interchangeable letters folded (search.backends.database indexes text the same way)."""
    return ARABIC_MARKS.sub("", text).translate(ARABIC_LETTERS)


def prepare(raw):
    """The words a visitor typed, as every search reads them."""
    return normalise(clean_keywords(raw))


def word_pattern(words):
    """A pattern finding each of `words` as a whole word ("eau" not inside "niveaux"), or as typed
    in scripts without spaces between words; None without words."""
    parts = []
    for word in words:
        if UNSEGMENTED.search(word):
            parts.append(re.escape(word))
        else:
            parts.append(rf"(?<!\w){re.escape(word)}(?!\w)")
    return re.compile("|".join(parts), re.IGNORECASE) if parts else None


def segments_words(backend=None):
    """Whether the search backend splits unsegmented scripts into words itself."""
    backend = backend or get_search_backend()
    return "elasticsearch" in type(backend).__module__ or "opensearch" in type(backend).__module__


def substring_lookup(model, query):
    """A condition matching the pages of `model` whose title or text holds `query` as typed."""
    lookup = Q(title__icontains=query)
    names = {field.name for field in model._meta.get_fields()}
    for name in TEXT_FIELDS:
        if name in names:
            lookup |= Q(**{f"{name}__icontains": query})
    return lookup


def search_pages(queryset, raw, operator=None, order_by_relevance=True):
    """The pages of `queryset` matching the keywords `raw`: the search backend's results, or,
    for a query in an unsegmented script on a database backend, a queryset of the pages the
    backend found or holding the query as typed."""
    query = prepare(raw)
    backend = get_search_backend()
    results = backend.search(
        query, queryset, operator=operator, order_by_relevance=order_by_relevance
    )
    if not query or not UNSEGMENTED.search(query) or segments_words(backend):
        return results
    found = [page.pk for page in results]
    return queryset.filter(Q(pk__in=found) | substring_lookup(queryset.model, query))
