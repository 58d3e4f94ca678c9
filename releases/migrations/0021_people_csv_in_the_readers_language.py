from django.db import migrations


def recompute_derived_data(apps, schema_editor):
    """People's stored CSV rows now hold the curators' words they show (an unnamed person's
    description, roles' titles) in every language, the reader's chosen when served:
    clearing the data version makes the step after ``migrate``
    (``releases.derived.derive_after_migrate``) rebuild every stored record once."""
    apps.get_model("releases", "DataVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0020_claimant_key"),
    ]

    operations = [
        migrations.RunPython(recompute_derived_data, migrations.RunPython.noop),
    ]
