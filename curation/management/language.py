"""The curators' commands write in English, whatever language is active or LANGUAGE_CODE
says, so that what they print does not depend on how the server is set.

Django's own commands (migrate, createsuperuser) print English whatever the settings, and
ours sit beside them in the same deploy scripts, cron mails and CI logs, where one language
is what can be searched and compared (``ingest_article --urls`` tallies its own lines). The
fixtures they read are English-keyed YAML (``title:``, ``title_es:``), and the messages name
those keys. The messages they share with the admin (a refused link, an article already
stored) are translatable and said in the curator's language there; here ``in_english``
picks English for them too, so a line is never half in one language and half in another.
"""

import functools
from collections.abc import Callable

from django.utils import translation


def in_english[**P, R](handle: Callable[P, R]) -> Callable[P, R]:
    """Run a command's ``handle`` with English active (restoring the language after)."""

    @functools.wraps(handle)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with translation.override("en"):
            return handle(*args, **kwargs)

    return wrapper
