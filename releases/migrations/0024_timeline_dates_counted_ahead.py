"""The home page's timeline counts people by the dates of their public releases and deaths in
custody ahead, as links (``released_on``, ``died_on``) and their ``FacetCount`` rows, which
``releases.derived`` keeps from now on. Filled here from the facts as they stand: one read
of the public releases and deaths, no person derived again."""

from django.db import migrations, models
from django.db.models import Count

# What each new link kind counts: a public fact of a public person.
KINDS = {"released_on": ("Release", {}), "died_on": ("StatusChange", {"status": "died_in_custody"})}


def _day_key(date, precision: str) -> str:
    """releases.models.day_key, as it is when this runs."""
    return f"{date.isoformat() if date else ''}|{precision}"


def fill(apps, schema_editor):
    PersonLink = apps.get_model("releases", "PersonLink")
    FacetCount = apps.get_model("releases", "FacetCount")
    for kind, (model_name, only) in KINDS.items():
        facts = apps.get_model("releases", model_name).objects.filter(
            is_public=True, person__is_public=True, **only
        )
        rows = facts.order_by().values_list("person_id", "date", "date_precision", "person__status")
        links = {(pid, _day_key(date, precision)): status for pid, date, precision, status in rows}
        PersonLink.objects.bulk_create(
            [PersonLink(person_id=p, kind=kind, key=k, status=s) for (p, k), s in links.items()],
            batch_size=5000,
        )
        counted = (
            PersonLink.objects.filter(kind=kind)
            .order_by()
            .values_list("key", "status")
            .annotate(n=Count("pk"))
        )
        FacetCount.objects.bulk_create(
            [FacetCount(kind=kind, key=key, status=status, n=n) for key, status, n in counted],
            batch_size=5000,
        )


def empty(apps, schema_editor):
    for name in ("PersonLink", "FacetCount"):
        apps.get_model("releases", name).objects.filter(kind__in=list(KINDS)).delete()


class Migration(migrations.Migration):
    dependencies = [("releases", "0023_person_latest_freed")]

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
                ],
                max_length=12,
            ),
        ),
        migrations.RunPython(fill, empty),
    ]
