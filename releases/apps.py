from django.apps import AppConfig


class ReleasesConfig(AppConfig):
    name = "releases"
    verbose_name = "Releases: people, facilities, events and facts"

    def ready(self) -> None:
        from releases.evidence import register_all

        register_all()
