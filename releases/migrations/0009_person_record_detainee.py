from django.db import migrations


def recompute_derived_data(apps, schema_editor):
    """People's stored export records now say whether the person is a detainee or only
    mentioned: clearing the data version makes the step after ``migrate``
    (``releases.derived.derive_after_migrate``) rebuild every stored record once."""
    apps.get_model("releases", "DataVersion").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [
        ("releases", "0008_search_text_words"),
    ]

    operations = [
        migrations.RunPython(recompute_derived_data, migrations.RunPython.noop),
    ]
