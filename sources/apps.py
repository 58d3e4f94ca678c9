from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SourcesConfig(AppConfig):
    name = "sources"
    verbose_name = _("Sources: articles and passages")

    def ready(self) -> None:
        from django.db.models import Field, ForeignObject

        from sources.bulk import AnyOf

        # A foreign key's lookups are its own (they are not looked for past ForeignObject).
        for field in (Field, ForeignObject):
            field.register_lookup(AnyOf)
