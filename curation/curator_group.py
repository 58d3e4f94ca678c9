"""The "curator" group: may add, change, delete and view every record of the evidence
(articles, passages, people, facts…) and read their history, but not users or groups.
Kept in step with the models after every migrate."""

from django.contrib.auth.models import Group, Permission

CURATOR_GROUP = "curator"
CURATED_APPS = ("sources", "releases")


def ensure_curator_group(**_signal_kwargs: object) -> Group:
    group, _created = Group.objects.get_or_create(name=CURATOR_GROUP)
    permissions = Permission.objects.filter(content_type__app_label__in=CURATED_APPS).exclude(
        content_type__model="importrecord", codename__regex=r"^(add|change|delete)_"
    )
    group.permissions.set(permissions)
    return group
