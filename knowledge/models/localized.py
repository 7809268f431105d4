"""Resolve SDGs, targets and themes to the rows of the language a page is shown in.

Relations are stored against rows of whichever language the page was written in (translations
copy them unchanged), so a French page may point at English theme rows. Showing it in French
means swapping each row for the French row with the same number or code.
"""

import functools
import unicodedata
from functools import cached_property

from django.core.cache import cache
from django.core.exceptions import FieldDoesNotExist
from django.db import connection

from ..base.cache_versions import bump_version, current_version
from .taxonomy import SDGTarget, SustainableDevelopmentGoal, Theme

VERSION_KEY = "knowledge:taxonomy:version"
# Taxonomies change rarely. A change bumps the version in the shared cache (Redis in
# production); with a per-process cache, other processes see it within this many seconds.
CACHE_SECONDS = 600


def taxonomy_version():
    return current_version(VERSION_KEY)


def invalidate_taxonomies(**kwargs):
    """Called when a goal, target or theme is saved or deleted."""
    bump_version(VERSION_KEY)


def _cached_rows(model, locale_id, key, version=None):
    version = version or taxonomy_version()
    cache_key = f"knowledge:taxonomy:{version}:{model._meta.model_name}:{locale_id}"
    rows = cache.get(cache_key)
    if rows is None:
        rows = {
            getattr(row, key): row for row in model.objects.filter(locale_id=locale_id, live=True)
        }
        cache.set(cache_key, rows, timeout=CACHE_SECONDS)
    return rows


def taxonomy_codes(model, key):
    """Every value of `key` (theme codes, target codes) across languages, from the cache."""
    cache_key = f"knowledge:taxonomy:{taxonomy_version()}:{model._meta.model_name}:{key}s"
    codes = cache.get(cache_key)
    if codes is None:
        codes = set(model.objects.values_list(key, flat=True).distinct())
        cache.set(cache_key, codes, timeout=CACHE_SECONDS)
    return codes


def taxonomy_keys(model, key):
    """{row id: value of `key`} of every row of `model`, from the cache."""
    cache_key = f"knowledge:taxonomy:{taxonomy_version()}:{model._meta.model_name}:by-id:{key}"
    keys = cache.get(cache_key)
    if keys is None:
        keys = dict(model.objects.values_list("pk", key))
        cache.set(cache_key, keys, timeout=CACHE_SECONDS)
    return keys


class LocalizedTaxonomy:
    """The SDGs, targets and themes of one locale, each loaded on first use, from the cache."""

    def __init__(self, locale_id):
        self.locale_id = locale_id

    @cached_property
    def version(self):
        # Read once: goals, themes and targets are read from the cache under the same one.
        return taxonomy_version()

    @cached_property
    def goals(self):
        return _cached_rows(SustainableDevelopmentGoal, self.locale_id, "number", self.version)

    @cached_property
    def themes(self):
        return _cached_rows(Theme, self.locale_id, "code", self.version)

    @cached_property
    def targets(self):
        return _cached_rows(SDGTarget, self.locale_id, "code", self.version)

    def goals_for(self, rows):
        """The goals of `rows` in this locale (a row missing here stays as it is), by number."""
        return sorted((self.goals.get(row.number, row) for row in rows), key=lambda g: g.number)

    def themes_for(self, rows):
        return sorted((self.themes.get(row.code, row) for row in rows), key=_title_key)

    def targets_for(self, rows):
        return sorted((self.targets.get(row.code, row) for row in rows), key=lambda t: t.sort_order)

    def by_keys(self, method, keys):
        """What `method` gives for the rows with these numbers or codes, or None when one of
        them has no row in this locale (the page's own rows are then needed)."""
        if not keys:
            return []
        table = getattr(self, RELATIONS[method][1])
        rows = [table.get(key) for key in keys]
        if None in rows:
            return None
        return getattr(self, method)(rows)


# The relations LocalizedTaxonomyMixin localizes: {its method: (the page's field, the
# LocalizedTaxonomy table, the rows' key, the key's type)}.
RELATIONS = {
    "goals_for": ("sdgs", "goals", "number", int),
    "themes_for": ("themes", "themes", "code", str),
    "targets_for": ("targets", "targets", "code", str),
}


def load_relations(pages):
    """Read the goals, themes and targets of these pages (of one model, read from the
    database) in one query rather than one per relation: each page keeps the numbers and
    codes of its rows, which are the keys of its language's rows (LocalizedTaxonomy), so no
    row of the language it was written in needs reading."""
    pages = list(pages)
    if not pages:
        return pages
    sql, methods = _relations_sql(type(pages[0]))
    found = {page.pk: {method: [] for method in RELATIONS} for page in pages}
    if methods:
        ids = list(found)
        with connection.cursor() as cursor:
            cursor.execute(sql.format(ids=", ".join(["%s"] * len(ids))), ids * len(methods))
            for kind, page_id, key in cursor.fetchall():
                method = methods[kind]
                found[page_id][method].append(RELATIONS[method][3](key))
    for page in pages:
        page._taxonomy_keys = found[page.pk]
    return pages


@functools.cache
def _relations_sql(model):
    """The query of load_relations() for `model`, with `{ids}` where the placeholders of the
    page ids go, and the method of each kind of row it returns. Written once per model: the
    ORM's union of the three relations costs more to compile than to run."""
    quote = connection.ops.quote_name
    parts, methods = [], []
    for method, (name, _table, key, _type) in RELATIONS.items():
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        through, target = field.remote_field.through._meta, field.related_model._meta
        page = quote(through.get_field(field.m2m_field_name()).column)
        row = quote(through.get_field(field.m2m_reverse_field_name()).column)
        parts.append(
            f"SELECT {len(methods)}, t.{page}, CAST(r.{quote(target.get_field(key).column)} AS"
            f" VARCHAR(255)) FROM {quote(through.db_table)} t INNER JOIN"
            f" {quote(target.db_table)} r ON r.{quote(target.pk.column)} = t.{row}"
            f" WHERE t.{page} IN ({{ids}})"
        )
        methods.append(method)
    return " UNION ALL ".join(parts), methods


def taxonomy_for(request, locale_id):
    """The LocalizedTaxonomy of `locale_id`, shared by everything that renders this request."""
    if request is None:
        return LocalizedTaxonomy(locale_id)
    cache = request.__dict__.setdefault("_localized_taxonomies", {})
    if locale_id not in cache:
        cache[locale_id] = LocalizedTaxonomy(locale_id)
    return cache[locale_id]


def _title_key(row):
    """Sort titles alphabetically, accented letters with their base letter (É with E)."""
    decomposed = unicodedata.normalize("NFKD", row.title.casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


class LocalizedTaxonomyMixin:
    """For pages related to SDGs and themes (and targets): those relations, in the page's language.

    The relations are `sdgs`, `themes` and, optionally, `targets`; prefetch them for lists.
    """

    def localized_sdgs(self, request=None):
        return self._localized(request, "goals_for", self.sdgs)

    def localized_themes(self, request=None):
        return self._localized(request, "themes_for", self.themes)

    def localized_targets(self, request=None):
        return self._localized(request, "targets_for", self.targets)

    def _localized(self, request, method, relation):
        """Read once per request: the page's context and its structured data both show them."""
        taxonomy = taxonomy_for(request, self.locale_id)
        if request is None:
            return self._localize(taxonomy, method, relation)
        # Kept on the request with the page itself, so that no other page takes its id.
        read = request.__dict__.setdefault("_localized_relations", {})
        key = (id(self), method)
        if key not in read or read[key][0] is not self:
            read[key] = (self, self._localize(taxonomy, method, relation))
        return read[key][1]

    def _localize(self, taxonomy, method, relation):
        keys = self.__dict__.get("_taxonomy_keys")  # see load_relations()
        if keys is not None:
            rows = taxonomy.by_keys(method, keys[method])
            if rows is not None:
                return rows
        return getattr(taxonomy, method)(relation.all())

    @classmethod
    def prepare_cards(cls, pages, request):
        """Give each page of a list the SDGs of its language, for its card."""
        pages = list(pages)
        for page in pages:
            page.card_sdgs = page.localized_sdgs(request)
        return pages
