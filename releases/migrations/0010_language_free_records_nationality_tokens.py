from django.db import migrations


def recompute_derived_data(apps, schema_editor):
    """Two derived values changed how they are computed: stored export records hold links
    without their language ("/people/x/", the reader's language is added when served), and
    search text holds a token per nationality that the country's names and demonyms in
    other languages match. Clearing the data version makes the step after ``migrate``
    (``releases.services.derive_after_migrate``) rebuild both once."""
    apps.get_model("releases", "DataVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0009_person_record_detainee"),
    ]

    operations = [
        migrations.RunPython(recompute_derived_data, migrations.RunPython.noop),
    ]
