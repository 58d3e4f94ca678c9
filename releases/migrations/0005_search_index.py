"""On PostgreSQL, an index for the people list's accent-free search: trigrams of the folded
name, so that ``search_name LIKE '%term%'`` is an index lookup, not a scan. SQLite (the
zero-setup database) gets no such index and stays correct, scanning."""

from django.db import migrations

INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS person_search_name_trgm ON releases_person "
    "USING gin (search_name gin_trgm_ops) WHERE is_public",
]
UNINSTALL = ["DROP INDEX IF EXISTS person_search_name_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("releases", "0004_stored_visibility")]

    operations = [migrations.RunPython(_run(INSTALL), _run(UNINSTALL))]
