from django.apps import AppConfig
from django.db.models.signals import post_migrate


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Releases: people, facilities, events and facts"

    def ready(self) -> None:
        from releases import receivers, services

        receivers.connect()
        post_migrate.connect(
            services.derive_after_migrate, sender=self, dispatch_uid="derived-data"
        )
