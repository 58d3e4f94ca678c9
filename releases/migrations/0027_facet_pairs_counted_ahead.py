"""The people list's facets under one link filter ("Spanish nationals") are read from counts
kept ahead: each person's links of the filters' kinds within each other
(``FacetPairCount``), which ``releases.derived`` keeps from now on. Filled here from the
links as they stand, in one statement (``releases.derived._rebuild_pair_counts`` as it is
when this runs): no person derived again."""

from django.db import migrations, models

KINDS = ("nationality", "facility", "event", "source")


def count_pairs(apps, schema_editor):
    kinds = ", ".join(["%s"] * len(KINDS))
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO releases_facetpaircount (within_kind, within_key, kind, key, status, n) "  # noqa: S608
            "SELECT w.kind, w.key, l.kind, l.key, l.status, COUNT(*) "
            "FROM releases_personlink w JOIN releases_personlink l "
            "ON l.person_id = w.person_id AND l.kind <> w.kind "
            f"WHERE w.kind IN ({kinds}) AND l.kind IN ({kinds}) "
            "GROUP BY w.kind, w.key, l.kind, l.key, l.status",
            [*KINDS, *KINDS],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0026_fact_kinds_counted_ahead"),
    ]

    operations = [
        migrations.CreateModel(
            name="FacetPairCount",
            fields=[
                (
                    "id",
                    models.BigAutoField(
                        auto_created=True, primary_key=True, serialize=False, verbose_name="ID"
                    ),
                ),
                ("within_kind", models.CharField(max_length=12)),
                ("within_key", models.CharField(max_length=120)),
                ("kind", models.CharField(max_length=12)),
                ("key", models.CharField(max_length=120)),
                (
                    "status",
                    models.CharField(
                        choices=[
                            ("detained", "detained"),
                            ("released", "released"),
                            ("released_conditions", "released with conditions"),
                            ("redetained", "re-detained"),
                            ("died_in_custody", "died in custody"),
                            ("unknown", "no detention or release reported"),
                        ],
                        max_length=20,
                    ),
                ),
                ("n", models.IntegerField(default=0)),
            ],
            options={
                "indexes": [
                    models.Index(
                        fields=["within_kind", "within_key", "status", "kind", "key", "n"],
                        name="facet_pair_count_read",
                    )
                ],
                "constraints": [
                    models.UniqueConstraint(
                        fields=("within_kind", "within_key", "status", "kind", "key"),
                        name="facet_pair_count_unique",
                    )
                ],
            },
        ),
        migrations.RunPython(count_pairs, migrations.RunPython.noop, elidable=True),
    ]
