from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Releases: people, facilities, events and facts"

    def ready(self) -> None:
        from curation.curator_group import ensure_curator_group
        from releases import receivers, services

        receivers.connect()
        # After migrate has created every model's permissions (sources and releases both).
        post_migrate.connect(ensure_curator_group, sender=self, dispatch_uid="curator-group")
        post_migrate.connect(
            services.derive_after_migrate, sender=self, dispatch_uid="derived-data"
        )
