"""Public pages cached whole, under canonical keys, in a cache of bounded size.

**Never stale.** Every write to the record bumps ``DataVersion`` (``releases.derived``) and
the version is part of every key, so a curator's change shows on the very next request: an
old version's entries are simply never asked for again. A person's page is keyed on what
it shows instead: the version of everything people share (facilities, events, articles…)
and the person's own ``page_version``, which every refresh of that person's derived data
moves. A write about one person leaves every other person's page warm.

**Canonical.** A page's key holds only the parameters the page takes (``PageParams``), each
normalised: the last value of a parameter (the one the form reads), free text with its
spaces collapsed, no empty values, no defaults (``page=1``, ``format=html``, a list's
default filters), in name order. An unknown parameter changes nothing but the notice that
lists it (``Ignored unknown parameter: zz``), which is put into the cached page at the
``IGNORED_MARKER`` its template leaves: ``?zz=<random>`` is answered from the one cached
``/people/``, never rendered anew, and never stored apart.

**Bounded.** Entries live in ``PAGE_CACHE_ENTRIES`` slots (a page's slot is a hash of its
key; the newer page in a slot wins) and a page larger than ``PAGE_CACHE_MAX_BYTES`` is not
stored, so the page cache never holds more than entries times bytes, whatever it is asked.
Redis should still bound itself (``maxmemory`` with ``allkeys-lru``, README), which
``redis_bound_problems`` checks at start-up.

**One render per miss.** The first reader of a cold page renders it; readers of the same
page meanwhile wait for it (a short lock in the cache) rather than all render it at once.

**Cheap re-reads.** Every page answers conditional requests from the version it is keyed on,
before anything is rendered or read from the cache: its ``ETag`` is a digest of the page's key
(the version, the language, the canonical address) and of any ignored parameters' names, and
its ``Last-Modified`` is when the data version last moved. A reader (or a CDN) holding the
current copy gets a 304 for the one query that reads the version. ``Cache-Control`` lets a
shared cache keep a page but never serve it without asking again (``public, max-age=0,
must-revalidate``: a 304 while the version stands, the new page once it moves), and keeps
pages asked for with a session (a curator) out of shared caches (``private``).

The cache is Redis when ``REDIS_URL`` (or ``CACHE_URL``) is set, local memory otherwise.
Pages carry no per-request secret (htmx is loaded without a CSP nonce), so one cached
response serves everyone; streamed exports are not cached.
"""

import datetime
import hashlib
import logging
import math
import time
from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import wraps
from typing import Any

import django_filters
from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse, HttpResponseBase, QueryDict
from django.template.loader import render_to_string
from django.utils.cache import get_conditional_response
from django.utils.http import http_date
from django.utils.translation import get_language

from releases.derived import data_version

CACHE_SECONDS = 60 * 60
# Where a list page's template leaves room for the notice of ignored parameters.
IGNORED_MARKER = "<!--ignored-parameters-->"
# How long readers of a page being rendered wait for it before rendering it themselves.
RENDER_WAIT_SECONDS = 3.0
_POLL_SECONDS = 0.01
logger = logging.getLogger(__name__)
# The data version of the page being rendered, for what a page shows whatever its filters
# (``page_data_version``).
_rendering_version: ContextVar[int | None] = ContextVar("rendering_version", default=None)
_KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Vary",
    "Content-Disposition",
    "HX-Push-Url",
)


@dataclass(frozen=True)
class PageParams:
    """The query parameters a page takes: ``names``, in the order its links give them; of
    them, ``free_text`` (spaces collapsed), and ``defaults`` (a value that means none)."""

    names: tuple[str, ...] = ()
    free_text: frozenset[str] = frozenset()
    defaults: dict[str, str] = field(default_factory=dict)


NO_PARAMS = PageParams()
DETAIL_PARAMS = PageParams(("format",), defaults={"format": "html"})


def list_params(
    filterset_class: type[django_filters.FilterSet], defaults: dict[str, str] | None = None
) -> PageParams:
    """A list page's parameters: its filters (in the form's order), ``page`` and ``format``."""
    filters = filterset_class.base_filters
    return PageParams(
        names=(*filters, "page", "format"),
        free_text=frozenset(
            name for name, f in filters.items() if isinstance(f, django_filters.CharFilter)
        ),
        defaults={"format": "html", **(defaults or {})},
    )


def _page_number(value: str) -> str:
    """The page a ``page`` value shows, as the paginator reads it: a whole number (0 and
    below ask for the last page), or page 1 ("") for anything else."""
    try:
        number = int(value)
    except ValueError:
        return ""
    return "0" if number < 1 else ("" if number == 1 else str(number))


def canonical_query(query: QueryDict, params: PageParams) -> tuple[QueryDict, list[str]]:
    """The parameters of ``query`` that the page takes, normalised, and the names of the
    others (sorted, those with a value only)."""
    canonical = QueryDict(mutable=True)
    for name in params.names:
        values = [value for value in query.getlist(name) if value]
        if not values:
            continue
        value = values[-1]  # what a form field reads
        if name in params.free_text:
            value = " ".join(value.split())
        elif name == "page":
            value = _page_number(value)
        if value and value != params.defaults.get(name):
            canonical[name] = value
    known = set(params.names)
    ignored = sorted(name for name, values in query.lists() if name not in known and any(values))
    return canonical, ignored


def page_data_version() -> int | None:
    """The data version the page being rendered is keyed on: what is read for it may be
    kept for other pages of the same version (the filter menus). ``None`` outside a cached
    page, or on one keyed on something else (a person's page)."""
    return _rendering_version.get()


def ignored_notice(names: list[str]) -> str:
    return render_to_string("web/includes/ignored_parameters.html", {"ignored": names})


def _key(request: HttpRequest, version: str, query: QueryDict) -> tuple[str, str]:
    """The page's slot and its full key (stored in the slot, to tell its tenant)."""
    htmx = getattr(request, "htmx", None)
    parts = [
        version,
        # An unprefixed address answers in the cookie's or the browser's language
        # (config.locale), so the path alone does not say which page it is.
        get_language(),
        request.get_host(),
        request.path,
        query.urlencode(),
        # What a response may differ by besides the address (``listing.render_page``'s
        # Vary), as booleans: any other value of the headers is the same page.
        "fragment" if htmx else "",
        "restore" if htmx and htmx.history_restore_request else "",
    ]
    digest = hashlib.sha256("\n".join(parts).encode()).hexdigest()
    slot = int(digest[:15], 16) % settings.PAGE_CACHE_ENTRIES
    return f"page:{slot}", digest


def _canonical_request(request: HttpRequest, query: QueryDict) -> None:
    """Make ``request`` ask for the canonical address: the view renders exactly what the
    key names (its links, the language switcher and the address htmx pushes included)."""
    request.META["QUERY_STRING"] = query.urlencode()
    request.GET = QueryDict(request.META["QUERY_STRING"])  # immutable, as Django's is


def _quietly(operation: Callable[..., Any], *args: Any, default: Any = None) -> Any:
    """A cache operation whose failure costs only speed: if the cache is down, pages are
    rendered and served uncached."""
    try:
        return operation(*args)
    except Exception:
        logger.warning("page cache unavailable", exc_info=True)
        return default


# What a slot holds: the page's full key, then its status, kept headers and body.
_Entry = tuple[str, int, dict[str, str], bytes]
_Found = tuple[int, dict[str, str], bytes]
View = Callable[..., HttpResponseBase]


def _from_cache(slot: str, digest: str) -> _Found | None:
    entry = _quietly(cache.get, slot)
    if entry is not None and entry[0] == digest:
        _digest, status, headers, content = entry
        return status, headers, content
    return None


def _with_notice(content: bytes, ignored: list[str]) -> bytes:
    if IGNORED_MARKER.encode() not in content:
        return content
    notice = ignored_notice(ignored).encode() if ignored else b""
    return content.replace(IGNORED_MARKER.encode(), notice, 1)


def _render(
    view: View,
    request: HttpRequest,
    args: tuple[Any, ...],
    kwargs: dict[str, Any],
    slot: str,
    digest: str,
) -> _Found | HttpResponseBase:
    """Render a missing page once: whoever holds the page's lock renders it, the others
    wait for it to be stored (or, past ``RENDER_WAIT_SECONDS``, render it too). Returns a
    cached entry (another reader rendered it) or the view's response."""
    lock = f"render:{digest}"
    if not _quietly(cache.add, lock, 1, RENDER_WAIT_SECONDS, default=True):
        # Watch the small lock, not the page: the page is read once, when the lock goes.
        deadline = time.monotonic() + RENDER_WAIT_SECONDS
        while time.monotonic() < deadline and _quietly(cache.get, lock) is not None:
            time.sleep(_POLL_SECONDS)
        if (hit := _from_cache(slot, digest)) is not None:
            return hit
        # Its renderer stored nothing (an error, a page too large) or is slow: render here.
    try:
        response = view(request, *args, **kwargs)
        if (
            isinstance(response, HttpResponse)  # not streamed
            and response.status_code == 200
            and len(response.content) <= settings.PAGE_CACHE_MAX_BYTES
        ):
            headers = {name: response[name] for name in _KEPT_HEADERS if response.has_header(name)}
            entry = (digest, response.status_code, headers, response.content)
            _quietly(cache.set, slot, entry, CACHE_SECONDS)
        return response
    finally:
        _quietly(cache.delete, lock)


# -- Conditional requests --------------------------------------------------------------------


@dataclass(frozen=True)
class Validators:
    """What tells a reader's copy of a response from the current one."""

    etag: str
    last_modified: int | None  # a POSIX time, whole seconds; None before any write


def entity_tag(*parts: str) -> str:
    return '"' + hashlib.sha256("\n".join(parts).encode()).hexdigest()[:32] + '"'


def validators(etag: str, changed_at: object) -> Validators:
    """``changed_at``: when the data last changed (None before any write). Last-Modified is
    whole seconds: a write in the same second as a reader's copy leaves an
    ``If-Modified-Since`` alone unable to tell them apart, so the ETag, which every cache
    sends back with it and which is evaluated first, is the exact one."""
    if not isinstance(changed_at, datetime.datetime):
        return Validators(etag, None)
    return Validators(etag, math.floor(changed_at.timestamp()))


def cache_control(request: HttpRequest) -> str:
    """What a cache may do with a response: a shared one (a CDN) may keep it, but must ask
    again before each use; a request with a session (a curator's) is for their browser
    alone."""
    if settings.SESSION_COOKIE_NAME in request.COOKIES:
        return "private, max-age=0, must-revalidate"
    return "public, max-age=0, must-revalidate"


def not_modified(request: HttpRequest, checked: Validators) -> HttpResponseBase | None:
    """The 304 (or 412) the request's conditional headers ask for, or None to answer in
    full. Evaluated as RFC 9110 says (``If-None-Match`` before ``If-Modified-Since``)."""
    answer = get_conditional_response(
        request, etag=checked.etag, last_modified=checked.last_modified
    )
    if answer is not None:
        mark(answer, request, checked)
    return answer


def mark(response: HttpResponseBase, request: HttpRequest, checked: Validators) -> None:
    """Give a response its validators and cache policy (a successful one: an error page
    is never anyone's copy to re-validate)."""
    response["Cache-Control"] = cache_control(request)
    if response.status_code not in (200, 304):
        return
    response["ETag"] = checked.etag
    if checked.last_modified is not None:
        response["Last-Modified"] = http_date(checked.last_modified)


def cached_page(
    *,
    params: PageParams = NO_PARAMS,
    version: Callable[..., tuple[str, object] | None] | None = None,
) -> Callable[[View], View]:
    """Serve a GET (or HEAD) of the view from the cache while its data stands, and answer
    a reader's conditional request with a 304 when their copy is of that data. ``version``,
    given the view's arguments, says when what the page shows last changed (and when the
    record did), where it knows better than the data version (``None``: it does not)."""

    def decorate(view: View) -> View:
        @wraps(view)
        def wrapper(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponseBase:
            query, ignored = canonical_query(request.GET, params)
            _canonical_request(request, query)
            scoped = version(*args, **kwargs) if version else None
            # When the data last changed, as ``version`` or ``data_version`` gives it.
            changed_at: object
            if scoped is None:
                current, changed_at = data_version()
                stamp = str(current)
            else:
                (stamp, changed_at), current = scoped, None
            slot, digest = _key(request, stamp, query)
            checked = validators(entity_tag(digest, *ignored), changed_at)
            if (answer := not_modified(request, checked)) is not None:
                return answer
            token = _rendering_version.set(current)
            try:
                found = _from_cache(slot, digest) or _render(
                    view, request, args, kwargs, slot, digest
                )
            finally:
                _rendering_version.reset(token)
            if isinstance(found, HttpResponseBase):
                if isinstance(found, HttpResponse):  # not a streamed export
                    found.content = _with_notice(found.content, ignored)
                response = found
            else:
                status, headers, content = found
                response = HttpResponse(_with_notice(content, ignored), status=status)
                for name, value in headers.items():
                    response[name] = value
            mark(response, request, checked)
            return response

        return wrapper

    return decorate


# Eviction policies that keep Redis within its ``maxmemory`` by dropping any key.
_BOUNDED_POLICIES = ("allkeys-lru", "allkeys-lfu")


def _redis_client() -> Any:
    """The client of the Redis behind the page cache, or None for another cache."""
    if not settings.CACHES["default"]["BACKEND"].endswith("RedisCache"):
        return None
    return cache._cache.get_client(write=False)  # type: ignore[attr-defined]


def redis_bound_problems() -> list[str]:
    """What is wrong with the bound of a Redis page cache (nothing for other caches): no
    ``maxmemory``, or a policy that refuses writes or keeps keys without a time-out."""
    try:
        client = _redis_client()
        if client is None:
            return []
        limit = int(client.config_get("maxmemory")["maxmemory"])
        policy = client.config_get("maxmemory-policy")["maxmemory-policy"]
    except Exception as error:  # a managed Redis may refuse CONFIG; say so, do not fail
        return [f"could not read Redis's maxmemory settings ({error})"]
    problems = []
    if not limit:
        problems.append("Redis has no maxmemory: the page cache can grow without bound")
    if policy not in _BOUNDED_POLICIES:
        problems.append(
            f"Redis's maxmemory-policy is {policy!r}, not allkeys-lru: when full it "
            "refuses writes or evicts only keys with a time-out"
        )
    return problems


def warn_about_redis_bound() -> None:
    for problem in redis_bound_problems():
        logger.warning("%s; see the README's production section", problem)
