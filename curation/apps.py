from typing import Any

from django.apps import AppConfig, apps
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class CurationConfig(AppConfig):
    """The curators' tools: the admin, citation suggestions, new fact and citing by
    selection, the fixture importer, ingest and their commands. It has no models; it
    writes ``releases`` and ``sources``, and nothing depends on it."""

    name = "curation"
    verbose_name = _("Curation")

    def ready(self) -> None:
        # After migrate has created every model's permissions (sources and releases both);
        # post_migrate is sent only for apps with models, so it listens to releases'.
        post_migrate.connect(
            _curator_group_after_migrate,
            sender=apps.get_app_config("releases"),
            dispatch_uid="curator-group",
        )


def _curator_group_after_migrate(app_config: AppConfig, **signal_kwargs: Any) -> None:
    """The curator group, given releases' permissions too: curation comes before
    django.contrib.auth in INSTALLED_APPS (its templates override the admin's), so this
    runs before auth's own receiver has made them. create_permissions makes only those
    missing."""
    from django.contrib.auth.management import create_permissions

    from curation.curator_group import ensure_curator_group

    create_permissions(app_config, **signal_kwargs)
    ensure_curator_group()
