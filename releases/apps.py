from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = _("Releases: people, facilities, events and facts")

    def ready(self) -> None:
        from releases import derived, receivers

        receivers.connect()
        post_migrate.connect(derived.derive_after_migrate, sender=self, dispatch_uid="derived-data")
