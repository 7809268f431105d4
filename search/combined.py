"""On PostgreSQL, one query answers a search: the matched documents are read once (a
materialized CTE with their rank position and facet values) and give both the page ids shown,
in rank order, and every facet count. Reading the matches once per count, and joining them
back to the documents by id, cost a scan of every match of the query each time.

Facet values are the `facet_values` text array (migration search 0003, kept by the database
from `facets`): counted with unnest, narrowed with `&&` (array overlap).
"""

from collections import Counter

from django.db import connection
from django.db.models import F, Window
from django.db.models.expressions import RawSQL
from django.db.models.functions import RowNumber

from .facets import FACETS, NUMERIC, facet_key

# Row kinds of the combined query.
IDS, TOTAL = -1, -2


def _narrowing(selected, skip=None):
    """SQL condition on the CTE's rows `m`: a chosen value of every selected facet but `skip`."""
    conditions, params = [], []
    for name, values in selected.items():
        if name != skip and values:
            conditions.append("m.facet_values && %s::text[]")
            params.append([facet_key(name, value) for value in values])
    return (" AND ".join(conditions) or "TRUE"), params


def search(documents, selected, limit):
    """(page ids in rank order, at most `limit`, of the `documents` that match `selected`;
    {facet: Counter of values}; number of `documents`, whatever is selected).

    `documents` is search.ranking.ranked(): its ordering gives the rank position."""
    ordering = documents.query.order_by
    table = documents.model._meta.db_table
    matched = (
        documents.order_by()
        .annotate(
            facet_values=RawSQL(f'"{table}"."facet_values"', []),  # noqa: S611 - fixed name
            position=Window(RowNumber(), order_by=[_expression(item) for item in ordering]),
        )
        .values("pk", "facet_values", "position")
    )
    cte, params = matched.query.sql_with_params()
    params = list(params)
    parts = []
    groups = [[name for name in FACETS if name not in selected]]
    groups += [[name] for name in FACETS if name in selected]
    for number, names in enumerate(groups):
        if not names:
            continue
        skip = names[0] if names[0] in selected else None
        where, where_params = _narrowing(selected, skip)
        parts.append(
            (
                f"(SELECT {number}, key, COUNT(*) FROM m, unnest(m.facet_values) AS key "
                f"WHERE {where} GROUP BY key)"
            ),
        )
        params += where_params
    where, where_params = _narrowing(selected)
    parts.append(
        f"(SELECT {IDS}, m.pk::text, m.position FROM m WHERE {where} ORDER BY m.position LIMIT %s)"
    )
    params += [*where_params, limit]
    parts.append(f"(SELECT {TOTAL}, '', COUNT(*) FROM m)")
    sql = f"WITH m AS MATERIALIZED ({cte}) " + " UNION ALL ".join(parts)
    counters = {name: Counter() for name in FACETS}
    ids, total = [], 0
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        rows = cursor.fetchall()
    for kind, key, number in rows:
        if kind == IDS:
            ids.append((number, int(key)))
        elif kind == TOTAL:
            total = number
        else:
            name, _, value = key.partition(":")
            if name in groups[kind]:
                counters[name][int(value) if name in NUMERIC else value] = number
    return [pk for _, pk in sorted(ids)], counters, total


def _expression(item):
    """An order_by() item ("-rank", "pk" or an expression) as an expression for a window."""
    if not isinstance(item, str):
        return item
    return F(item[1:]).desc() if item.startswith("-") else F(item).asc()
