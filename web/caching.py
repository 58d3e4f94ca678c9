"""Public pages cached whole, keyed on the data version.

Every write to the record bumps ``DataVersion`` (``releases.derived``), and the version is
part of every key, so a curator's change shows on the very next request and no stale page
is ever served: an old version's entries are simply never asked for again (and expire).
The cache is Redis when ``REDIS_URL`` (or ``CACHE_URL``) is set, local memory otherwise.
Pages carry no per-request secret (htmx is loaded without a CSP nonce), so one cached
response serves everyone; streamed exports are not cached.
"""

import hashlib
import logging
from functools import wraps

from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.utils.translation import get_language

from releases.derived import data_version

CACHE_SECONDS = 60 * 60
logger = logging.getLogger(__name__)
# What a response may differ by besides the URL (see ``listing.render_page``'s Vary).
_VARY_HEADERS = ("HX-Request", "HX-History-Restore-Request", "HX-Target")
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "Content-Disposition",
    "HX-Push-Url",
)


def _key(request: HttpRequest, version: int) -> str:
    # The language too: an unprefixed address answers in the cookie's or the browser's
    # language (config.locale), so the path alone does not say which page it is.
    parts = [str(version), get_language(), request.get_host(), request.get_full_path()]
    parts += [request.headers.get(name, "") for name in _VARY_HEADERS]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    return f"page:{version}:{digest}"


def cached_page(view):
    """Serve a GET (or HEAD) of ``view`` from the cache while the data version stands."""

    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs) -> HttpResponse:
        version, _changed = data_version()
        key = _key(request, version)
        try:
            hit = cache.get(key)
        except Exception:  # the cache is a speed-up: if it is down, serve uncached
            logger.warning("page cache unavailable", exc_info=True)
            return view(request, *args, **kwargs)
        if hit is not None:
            status, headers, content = hit
            response = HttpResponse(content, status=status)
            for name, value in headers.items():
                response[name] = value
            return response
        response = view(request, *args, **kwargs)
        if response.status_code == 200 and not response.streaming:
            headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
            try:
                cache.set(key, (response.status_code, headers, response.content), CACHE_SECONDS)
            except Exception:
                logger.warning("page cache unavailable", exc_info=True)
        return response

    return wrapper
