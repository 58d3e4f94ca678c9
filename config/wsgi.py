"""
WSGI config for config project.

It exposes the WSGI callable as a module-level variable named ``application``.

For more information on this file, see
https://docs.djangoproject.com/en/6.1/howto/deployment/wsgi/
"""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Say at start-up, in the log, if Redis would let the page cache grow without bound.
from web.caching import warn_about_redis_bound  # noqa: E402  (needs the apps loaded)

warn_about_redis_bound()
