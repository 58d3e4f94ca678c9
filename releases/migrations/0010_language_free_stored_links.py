from django.db import migrations


def recompute_derived_data(apps, schema_editor):
    """Stored export records now hold links without their language ("/people/x/"; the
    reader's language is added when they are served): clearing the data version makes the
    step after ``migrate`` (``releases.derived.derive_after_migrate``) rebuild them once."""
    apps.get_model("releases", "DataVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0009_person_record_detainee"),
    ]

    operations = [
        migrations.RunPython(recompute_derived_data, migrations.RunPython.noop),
    ]
