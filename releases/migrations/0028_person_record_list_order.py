from django.db import migrations, models


def copy_list_order(apps, schema_editor):
    """Each record's person's place in the list (``PersonRecord.LIST_ORDER``), copied in
    one statement rather than by deriving every person again."""
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(
            "UPDATE releases_personrecord SET "
            "mentioned_last = p.status = 'unknown', name = p.name "
            "FROM releases_person p WHERE p.id = releases_personrecord.person_id"
        )


class Migration(migrations.Migration):
    dependencies = [("releases", "0027_facet_pairs_counted_ahead")]

    operations = [
        migrations.AddField(
            model_name="personrecord",
            name="mentioned_last",
            field=models.BooleanField(default=False),
        ),
        migrations.AddField(
            model_name="personrecord",
            name="name",
            field=models.CharField(default="", max_length=200),
        ),
        migrations.RunPython(copy_list_order, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="personrecord",
            index=models.Index(
                fields=["mentioned_last", "name", "person"], name="record_list_order"
            ),
        ),
    ]
