"""Compute the derived data that 0004 added (visibility, links, records, data version) for a
database that already holds a record; a new database has nothing to compute."""

from django.db import migrations


def refresh(apps, schema_editor):
    Person = apps.get_model("releases", "Person")
    Passage = apps.get_model("sources", "Passage")
    if not (Person.objects.exists() or Passage.objects.exists()):
        return
    # The refresh is the app's own (the one place derived data is computed); it runs on the
    # models as they are at this migration, which are the current ones when it first runs.
    from releases import services

    services.refresh_everything()


class Migration(migrations.Migration):
    dependencies = [("releases", "0005_search_index"), ("sources", "0004_evidence_triggers")]

    operations = [migrations.RunPython(refresh, migrations.RunPython.noop)]
