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
        from curation.curator_group import ensure_curator_group

        # After migrate has created every model's permissions (sources and releases both);
        # post_migrate is sent only for apps with models, so it listens to releases'.
        post_migrate.connect(
            ensure_curator_group,
            sender=apps.get_app_config("releases"),
            dispatch_uid="curator-group",
        )
