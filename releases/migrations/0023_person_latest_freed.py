"""On PostgreSQL, an index for the home page's latest freed: the freed in the order it shows
them (latest first release first, undated last), so that its first twelve are read, not every
freed person sorted (22 ms at 100,000 people). SQLite cannot keep "undated last" in an index
and stays correct, sorting."""

from django.db import migrations

# releases.models.FREED_STATUSES, as they are when this runs.
INSTALL = [
    "CREATE INDEX IF NOT EXISTS person_latest_freed ON releases_person "
    "(first_released_on DESC NULLS LAST, name, id) "
    "WHERE is_public AND status IN ('released', 'released_conditions')"
]
UNINSTALL = ["DROP INDEX IF EXISTS person_latest_freed"]


def _run(statements):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            for statement in statements:
                schema_editor.execute(statement)

    return run


class Migration(migrations.Migration):
    dependencies = [("releases", "0022_admin_labels_in_every_language")]

    operations = [migrations.RunPython(_run(INSTALL), _run(UNINSTALL))]
