import json

from django.db import migrations, models

from sources.tabular import stored_row

CHUNK = 5000
LANGUAGES = ("en", "es")


def finish_stored_rows(apps, schema_editor):
    """Each stored CSV row written ahead (``csv``: JSON segments) becomes the row finished in
    each language but for the site's root (``sources.tabular.stored_row``), as
    ``releases.derived`` now writes it: the same cells, read without parsing JSON. Done from
    the stored segments, a chunk at a time, rather than by deriving every person again (an
    hour at a million people)."""
    PersonRecord = apps.get_model("releases", "PersonRecord")
    last = None
    while True:
        records = PersonRecord.objects.order_by("person_id")
        if last is not None:
            records = records.filter(person_id__gt=last)
        chunk = list(records.only("person_id", "csv")[:CHUNK])
        if not chunk:
            return
        rows = []
        for record in chunk:
            segments = json.loads(record.csv)
            rows.append((record.person_id, *(stored_row(segments, lang) for lang in LANGUAGES)))
        _store(schema_editor.connection, PersonRecord, rows)
        last = chunk[-1].person_id


def _store(connection, PersonRecord, rows):
    """One UPDATE from arrays on PostgreSQL (bulk_update's CASE of a branch per row costs
    a branch per row per row: minutes at 100,000 people); bulk_update elsewhere."""
    if connection.vendor != "postgresql":
        PersonRecord.objects.bulk_update(
            [PersonRecord(person_id=pk, csv_en=en, csv_es=es) for pk, en, es in rows],
            ["csv_en", "csv_es"],
            batch_size=500,
        )
        return
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE releases_personrecord AS r SET csv_en = v.en, csv_es = v.es "
            "FROM unnest(%s::bigint[], %s::text[], %s::text[]) AS v(id, en, es) "
            "WHERE r.person_id = v.id",
            [list(column) for column in zip(*rows, strict=True)],
        )


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0024_timeline_dates_counted_ahead"),
    ]

    operations = [
        migrations.AddField(
            model_name="personrecord",
            name="csv_en",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="personrecord",
            name="csv_es",
            field=models.TextField(default=""),
            preserve_default=False,
        ),
        migrations.RunPython(finish_stored_rows, migrations.RunPython.noop, elidable=True),
        migrations.RemoveField(model_name="personrecord", name="csv"),
    ]
