"""What the site search reads besides the pages: one row per searchable page with its
full-text vector (PostgreSQL), and the page's facet values as rows, so that ranking and facet
counts are done by the database over the whole matched set (search.documents keeps them)."""

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

    class Meta:
        # The GIN index on `vector` is created on PostgreSQL only (migration 0002).
        indexes = [models.Index(fields=["locale"], name="search_document_locale")]

    def __str__(self):
        return f"search document of page {self.page_id}"


class SearchFacetValue(models.Model):
    """One facet value of a document: ("sdg", "11"), ("theme", "transport"), ("year", "2019")…"""

    document = models.ForeignKey(SearchDocument, on_delete=models.CASCADE, related_name="facets")
    name = models.CharField(max_length=10)
    value = models.CharField(max_length=60)

    class Meta:
        indexes = [
            models.Index(fields=["name", "value", "document"], name="search_facet_value"),
            models.Index(fields=["document", "name"], name="search_facet_document"),
        ]

    def __str__(self):
        return f"{self.name}={self.value}"
