"""On PostgreSQL, an index of the trigrams of an article's folded text, so that finding the
articles naming a person just saved (``search_text LIKE '%name%'``, the re-run of
suggestions after a curator's save) is an index lookup, not a read of every article's
text (100 MB at 1,000,000 people). SQLite gets no such index and stays correct, scanning."""

from django.db import migrations

INSTALL = [
    "CREATE EXTENSION IF NOT EXISTS pg_trgm",
    "CREATE INDEX IF NOT EXISTS article_search_text_trgm ON sources_sourcearticle "
    "USING gin (search_text gin_trgm_ops)",
]
UNINSTALL = ["DROP INDEX IF EXISTS article_search_text_trgm"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("sources", "0009_admin_labels_in_every_language")]

    operations = [migrations.RunPython(_run(INSTALL), _run(UNINSTALL))]
