"""On PostgreSQL, the keys of `facets` also as a text array kept by the database (a generated
column) with a GIN index: facet counts unnest an array instead of a JSON object's keys, and
narrowing by a facet (`&&`) can use the index. SQLite reads the JSON keys (search.facets)."""

from django.db import migrations

FUNCTION = "search_facet_values"
INDEX = "search_document_facet_values"


def create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    # Immutable: a generated column may only call immutable functions.
    schema_editor.execute(
        f"CREATE OR REPLACE FUNCTION {FUNCTION}(facets jsonb) RETURNS text[] "
        "LANGUAGE sql IMMUTABLE PARALLEL SAFE "
        "AS $$ SELECT COALESCE(array_agg(key ORDER BY key), '{}') "
        "FROM jsonb_object_keys(facets) AS key $$"
    )
    schema_editor.execute(
        "ALTER TABLE search_searchdocument ADD COLUMN IF NOT EXISTS facet_values text[] "
        f"GENERATED ALWAYS AS ({FUNCTION}(facets)) STORED"
    )
    schema_editor.execute(
        f"CREATE INDEX IF NOT EXISTS {INDEX} ON search_searchdocument USING gin (facet_values)"
    )


def drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    schema_editor.execute(f"DROP INDEX IF EXISTS {INDEX}")
    schema_editor.execute("ALTER TABLE search_searchdocument DROP COLUMN IF EXISTS facet_values")
    schema_editor.execute(f"DROP FUNCTION IF EXISTS {FUNCTION}(jsonb)")


class Migration(migrations.Migration):
    dependencies = [("search", "0002_vector_index")]

    operations = [migrations.RunPython(create, drop)]
