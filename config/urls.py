from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import path

from curation.admin.translations import missing_translations_view
from web.urls import UNPREFIXED, site_patterns

urlpatterns = [
    path(
        "admin/translations/",
        admin.site.admin_view(missing_translations_view),
        name="missing_translations",
    ),
    path("admin/", admin.site.urls),
    # /en/… and /es/…: what reverse() gives, so a page's links stay in its language.
    *i18n_patterns(*site_patterns()),
    # The same pages unprefixed, in the language of the cookie or the browser (config.locale).
    *site_patterns(instance_prefix=UNPREFIXED),
]
