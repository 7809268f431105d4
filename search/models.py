"""What the site search reads besides the pages: one row per searchable page with its
full-text vector (PostgreSQL) and its facet values, so that ranking and facet counts are done
by the database over the whole matched set (search.documents keeps them)."""

from django.contrib.postgres.search import SearchVectorField
from django.db import models


class SearchDocument(models.Model):
    page = models.OneToOneField(
        "wagtailcore.Page", on_delete=models.CASCADE, primary_key=True, related_name="+"
    )
    locale = models.ForeignKey("wagtailcore.Locale", on_delete=models.CASCADE, related_name="+")
    # Title (weight A), lead text (B) and the rest (C), in the text search configuration of the
    # page's language; Chinese as single characters and pairs of them. Only on PostgreSQL.
    vector = SearchVectorField(null=True)
    # The page's facet values as the keys of an object, {"sdg:11": 1, "theme:transport": 1,
    # "type:knowledge.InitiativePage": 1, …}: keys, because both databases test and list the
    # keys of a JSON object (has_any_keys; jsonb_object_keys, json_each).
    facets = models.JSONField(default=dict)

    class Meta:
        # The GIN index on `vector` is created on PostgreSQL only (migration 0002).
        indexes = [models.Index(fields=["locale"], name="search_document_locale")]

    def __str__(self):
        return f"search document of page {self.page_id}"
