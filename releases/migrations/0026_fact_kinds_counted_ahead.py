from django.db import migrations, models

# The facts list's kinds, in its order, and the table of each (releases.selectors.FACT_KINDS).
KINDS = [
    ("nationality", "releases_citizenship"),
    ("alias", "releases_alias"),
    ("role", "releases_role"),
    ("detention", "releases_detention"),
    ("release", "releases_release"),
    ("status_change", "releases_statuschange"),
    ("mention", "releases_mention"),
]


def link_fact_kinds(apps, schema_editor):
    """Every public person's link of the kinds of public fact they have (" alias release ",
    ``releases.derived.fact_kinds_key``), and those links counted ahead (``FacetCount``),
    written in two statements rather than by deriving every person again."""
    # Names of our own tables and kinds, not data.
    has = " || ".join(
        f"CASE WHEN EXISTS (SELECT 1 FROM {table} f WHERE f.person_id = p.id AND f.is_public) "  # noqa: S608
        f"THEN '{name} ' ELSE '' END"
        for name, table in KINDS
    )
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO releases_personlink (person_id, kind, key, status) "  # noqa: S608
            f"SELECT p.id, 'fact_kinds', ' ' || {has}, p.status "
            "FROM releases_person p WHERE p.is_public"
        )
        cursor.execute(
            "INSERT INTO releases_facetcount (kind, key, status, n) "
            "SELECT kind, key, status, COUNT(*) FROM releases_personlink "
            "WHERE kind = 'fact_kinds' GROUP BY kind, key, status"
        )


def unlink_fact_kinds(apps, schema_editor):
    for model in ("PersonLink", "FacetCount"):
        apps.get_model("releases", model).objects.filter(kind="fact_kinds").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0025_person_csv_rows_per_language"),
    ]

    operations = [
        migrations.AlterField(
            model_name="personlink",
            name="kind",
            field=models.CharField(
                choices=[
                    ("nationality", "nationality"),
                    ("facility", "facility"),
                    ("event", "event"),
                    ("source", "source"),
                    ("released_on", "released on"),
                    ("died_on", "died in custody on"),
                    ("fact_kinds", "kinds of fact"),
                ],
                max_length=12,
            ),
        ),
        migrations.RunPython(link_fact_kinds, unlink_fact_kinds, elidable=True),
    ]
