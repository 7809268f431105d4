"""Migrations carry a database with content forward: nothing is lost on the way.

The database is built by the migrations and holds the demo content. It is taken back to the
schema of the last release (RELEASED: each app's newest migration then), then forward to the
current schema; every model whose table existed before keeps its number of rows. When a model
moves between apps or a data migration rewrites rows, this is the test that proves it.
"""

from django.apps import apps
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

import pytest

# The newest migration of each app, in the release before this one's migrations.
RELEASED = [("knowledge", "0011_membership_active")]

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.usefixtures("demo_content"),
]


def row_counts():
    tables = set(connection.introspection.table_names())
    return {
        model._meta.label: model._base_manager.count()
        for model in apps.get_models(include_auto_created=True)
        if model._meta.db_table in tables and model._meta.managed
    }


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)


def test_the_demo_content_migrates_forward_with_every_row():
    migrate(RELEASED)
    before = row_counts()
    assert before["knowledge.InitiativePage"] > 50  # the demo content is there
    assert "knowledge.GroupRole" not in before  # the released schema had no such table

    migrate(MigrationExecutor(connection).loader.graph.leaf_nodes())

    after = row_counts()
    assert {label: after[label] for label in before} == before
