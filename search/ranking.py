"""Full-text matching and ranking on PostgreSQL, in one query over search.models.SearchDocument:
the vector of each page in its language's text search configuration (search.documents), its
GIN index, and ts_rank_cd with the title weighing most, then the lead text, then the rest.

Pages holding the query as a phrase come first, then those holding every word, then those
holding some; within each group, by rank. Chinese is split into characters and pairs of
characters, as it is indexed."""

from functools import reduce
from operator import or_

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.db.models import BooleanField, ExpressionWrapper, F, Q

from .documents import CJK_RUN, cjk_query_terms, config_for

# ts_rank_cd weights of D, C, B, A: A the title, B the lead text, C the rest.
WEIGHTS = [0.05, 0.2, 0.5, 1.0]


def ranked(documents, locale, query):
    config = config_for(locale.language_code)
    unsegmented = bool(CJK_RUN.search(query))
    terms = cjk_query_terms(query) if unsegmented else query.split()
    # Each word as its own plain query (so a stop word or a syntax character matches nothing
    # rather than failing), any of them for a match.
    any_word = reduce(or_, [SearchQuery(term, config=config) for term in terms])
    if unsegmented:
        # Every pair of characters of each typed run.
        every_word = SearchQuery(" ".join(terms), config=config)
    else:
        every_word = SearchQuery(query, config=config)
    phrase = SearchQuery(query, config=config, search_type="phrase")
    return (
        documents.filter(vector=any_word)
        .annotate(
            phrase=ExpressionWrapper(
                Q(vector=phrase) if " " in query and not unsegmented else Q(pk=None),
                output_field=BooleanField(),
            ),
            every_word=ExpressionWrapper(Q(vector=every_word), output_field=BooleanField()),
            rank=SearchRank(F("vector"), any_word, weights=WEIGHTS, cover_density=True),
        )
        .order_by("-phrase", "-every_word", "-rank", "pk")
    )
