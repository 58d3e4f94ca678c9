"""Fetching a page from a link a curator gives, safely: the server that answers is one on
the public internet, never this machine, the office network or a cloud's metadata service
(an address typed or redirected to there would let anyone who can suggest a link read what
only the server can reach).

The rules, each refusal a ``FetchRefused`` whose message says what and why (in the language
active when it is refused: the curator's in the admin):

- http and https only;
- every address the host name resolves to is public (not loopback, private, link-local,
  shared, reserved, multicast or a metadata address), checked after DNS resolution, and the
  connection is made to the address that was checked (a second lookup could answer
  otherwise); the same again after every redirect, at most ``MAX_REDIRECTS`` of them;
- at most ``TIMEOUT`` seconds for the whole fetch, redirects included, and ``MAX_BYTES`` of
  body, refused as soon as either is passed (a ``Content-Length`` over it is refused before
  the body is read);
- a final answer of 2xx, with content that is HTML or plain text.

Loopback is allowed only when ``settings.INGEST_ALLOW_LOOPBACK`` is on (the tests serve
their own pages on 127.0.0.1; the environment variable of the same name turns it on).
"""

import datetime
import http.client
import ipaddress
import socket
import ssl
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

from django.conf import settings
from django.utils.translation import gettext

MAX_REDIRECTS = 5
TIMEOUT = 10.0  # seconds, for the whole fetch
MAX_BYTES = 5_000_000
READ_CHUNK = 64 * 1024
ACCEPTED_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
REDIRECTS = (301, 302, 303, 307, 308)
USER_AGENT = "detainee-releases-curation/1.0 (a curator's link, fetched once)"

# Cloud metadata services, refused by name even where the address looks public (Azure's).
METADATA_ADDRESSES = {
    ipaddress.ip_address(address)
    for address in ("169.254.169.254", "169.254.170.2", "100.100.100.200", "168.63.129.16")
} | {ipaddress.ip_address("fd00:ec2::254")}


class FetchRefused(Exception):
    """The page was not fetched, or its answer not kept; the message says why."""


@dataclass(frozen=True)
class Fetched:
    """A response exactly as received: status line, headers in order, body bytes."""

    requested_url: str
    final_url: str
    status: int
    reason: str
    http_version: str
    headers: list[tuple[str, str]]
    body: bytes
    retrieved_at: datetime.datetime
    redirects: list[str] = field(default_factory=list)

    @property
    def content_type(self) -> str:
        return next((v for k, v in self.headers if k.lower() == "content-type"), "")


def fetch(url: str) -> Fetched:
    """GET ``url`` under the rules of the module docstring."""
    deadline = time.monotonic() + TIMEOUT
    current, redirects = url.strip(), []
    while True:
        response, connection = _request(current, deadline)
        try:
            if response.status in REDIRECTS and response.getheader("Location"):
                target = urljoin(current, response.getheader("Location", ""))
                redirects.append(target)
                if len(redirects) > MAX_REDIRECTS:
                    raise FetchRefused(
                        gettext(
                            "%(url)s redirects more than %(most)s times (last to %(target)s); "
                            "a news page needs one or two at most."
                        )
                        % {"url": url, "most": MAX_REDIRECTS, "target": target}
                    )
                current = target
                continue
            return _kept(url, current, response, connection, deadline, redirects)
        finally:
            connection.close()


def _kept(
    url: str,
    current: str,
    response: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    deadline: float,
    redirects: list[str],
) -> Fetched:
    if not 200 <= response.status < 300:
        raise FetchRefused(
            gettext("%(url)s answered %(status)s %(reason)s: not a page to store.")
            % {"url": current, "status": response.status, "reason": response.reason}
        )
    kind = response.headers.get_content_type()
    if kind not in ACCEPTED_TYPES or not response.getheader("Content-Type"):
        stated = response.getheader("Content-Type")
        refusal = (
            gettext("%(url)s is %(type)s, not an HTML page or plain text; only those are articles.")
            if stated
            else gettext(
                "%(url)s is of no stated type, not an HTML page or plain text; "
                "only those are articles."
            )
        )
        raise FetchRefused(refusal % {"url": current, "type": stated})
    length = response.getheader("Content-Length", "")
    if length.isdigit() and int(length) > MAX_BYTES:
        raise FetchRefused(too_big(current, int(length)))
    body = _read_body(current, response, connection, deadline)
    return Fetched(
        requested_url=url,
        final_url=current,
        status=response.status,
        reason=response.reason,
        http_version="HTTP/1.0" if response.version == 10 else "HTTP/1.1",
        headers=list(response.getheaders()),
        body=body,
        retrieved_at=datetime.datetime.now(datetime.UTC),
        redirects=redirects,
    )


def too_big(name: str, size: int) -> str:
    """The refusal of a page or saved file of ``size`` bytes, over MAX_BYTES."""
    refusal = gettext(
        "%(name)s is at least %(size)s bytes; the limit is %(limit)s bytes (5 MB): a news page "
        "is far smaller, so this is not one article."
    )
    return refusal % {"name": name, "size": f"{size:,}", "limit": f"{MAX_BYTES:,}"}


def _read_body(
    url: str,
    response: http.client.HTTPResponse,
    connection: http.client.HTTPConnection,
    deadline: float,
) -> bytes:
    chunks: list[bytes] = []
    total = 0
    while True:
        _set_timeout(connection, url, deadline)
        try:
            chunk = response.read1(READ_CHUNK)
        except TimeoutError:
            raise FetchRefused(_too_slow(url)) from None
        if not chunk:
            return b"".join(chunks)
        total += len(chunk)
        if total > MAX_BYTES:
            raise FetchRefused(too_big(url, total))
        chunks.append(chunk)


def _too_slow(url: str) -> str:
    refusal = gettext(
        "%(url)s took longer than %(seconds)s seconds; try again later, or save the page."
    )
    return refusal % {"url": url, "seconds": f"{TIMEOUT:g}"}


def _set_timeout(connection: http.client.HTTPConnection, url: str, deadline: float) -> None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchRefused(_too_slow(url))
    if connection.sock is not None:
        connection.sock.settimeout(remaining)


def _request(
    url: str, deadline: float
) -> tuple[http.client.HTTPResponse, http.client.HTTPConnection]:
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        refusal = (
            gettext("%(url)s: only http and https links can be fetched, not %(scheme)s.")
            if parts.scheme
            else gettext(
                "%(url)s: only http and https links can be fetched, not one with no scheme."
            )
        )
        raise FetchRefused(refusal % {"url": url, "scheme": parts.scheme})
    host = parts.hostname
    if not host:
        raise FetchRefused(gettext("%(url)s: the link names no host.") % {"url": url})
    try:
        port = parts.port or (443 if parts.scheme == "https" else 80)
    except ValueError:
        refusal = gettext("%(url)s: the port is not a number from 0 to 65535.")
        raise FetchRefused(refusal % {"url": url}) from None
    address = vetted_address(host, port)
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise FetchRefused(_too_slow(url))
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = _PinnedHTTPS(host, port, address, remaining)
    else:
        connection = _PinnedHTTP(host, port, address, remaining)
    path = parts.path or "/"
    if parts.query:
        path += "?" + parts.query
    try:
        connection.request(
            "GET",
            path,
            headers={
                "User-Agent": USER_AGENT,
                "Accept": "text/html,application/xhtml+xml,text/plain;q=0.9",
                # The bytes kept are the bytes sent: no compression to undo.
                "Accept-Encoding": "identity",
            },
        )
        _set_timeout(connection, url, deadline)
        return connection.getresponse(), connection
    except TimeoutError:
        connection.close()
        raise FetchRefused(_too_slow(url)) from None
    except ssl.SSLError as exc:
        connection.close()
        refusal = gettext("%(url)s: the secure connection failed (%(reason)s).")
        raise FetchRefused(refusal % {"url": url, "reason": exc.reason}) from None
    except (OSError, http.client.HTTPException) as exc:
        connection.close()
        refusal = gettext("%(url)s: could not be fetched (%(error)s).")
        raise FetchRefused(refusal % {"url": url, "error": exc or type(exc).__name__}) from None


def vetted_address(host: str, port: int) -> str:
    """The address to connect to for ``host``, once every address it resolves to is found
    fit to fetch from; refuses with the reason otherwise."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError):
        refusal = gettext("%(host)s: no such host (the name does not resolve).")
        raise FetchRefused(refusal % {"host": host}) from None
    addresses = [info[4][0] for info in found]
    for address in addresses:
        refusal = _refusal(ipaddress.ip_address(str(address).split("%", 1)[0]))
        if refusal:
            never = gettext("%(host)s resolves to %(address)s, %(why)s; it is never fetched.")
            raise FetchRefused(never % {"host": host, "address": address, "why": refusal})
    return str(addresses[0])


def _refusal(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    """Why an address is not fetched from, or "" when it may be."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        ip = ip.ipv4_mapped
    if ip in METADATA_ADDRESSES:
        return gettext("a cloud metadata address")
    if ip.is_unspecified or ip.is_multicast:
        return gettext("not a public internet address")
    if ip.is_loopback:
        if getattr(settings, "INGEST_ALLOW_LOOPBACK", False):
            return ""
        return gettext("a loopback address (this machine)")
    if ip.is_link_local:
        return gettext("a link-local address")
    if ip.is_private:
        return gettext("a private network address")
    if ip.is_reserved or not ip.is_global:
        return gettext("not a public internet address")
    return ""


def _connect_to(address: str) -> Callable[..., socket.socket]:
    def create_connection(
        _host_and_port: tuple[str, int],
        timeout: float | None,
        source_address: tuple[str, int] | None = None,
    ) -> socket.socket:
        return socket.create_connection((address, _host_and_port[1]), timeout, source_address)

    return create_connection


class _PinnedHTTP(http.client.HTTPConnection):
    """Connects to the vetted address, whatever a new lookup of the name would say."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout)
        self._create_connection = _connect_to(address)


class _PinnedHTTPS(http.client.HTTPSConnection):
    """As _PinnedHTTP, the certificate checked against the host name."""

    def __init__(self, host: str, port: int, address: str, timeout: float):
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._create_connection = _connect_to(address)
