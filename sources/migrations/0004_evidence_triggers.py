from django.db import migrations

from sources import triggers


def install(apps, schema_editor):
    triggers.install(schema_editor)


def uninstall(apps, schema_editor):
    triggers.uninstall(schema_editor)


class Migration(migrations.Migration):
    dependencies = [("sources", "0003_passage_validity")]

    operations = [migrations.RunPython(install, uninstall)]
