from django.apps import AppConfig


class WebConfig(AppConfig):
    """The public site: views, the list flow, filters, facets, exports and template tags.
    It has no models; it reads ``releases`` and ``sources`` and nothing depends on it."""

    name = "web"
    verbose_name = "Public pages"
