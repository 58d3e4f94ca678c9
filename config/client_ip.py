"""The address a request comes from, for the login lockout (django-axes)."""

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str | None:
    """The connecting address; behind the TLS proxy (``BEHIND_TLS_PROXY``), the address the
    proxy saw, which it appends last to X-Forwarded-For. Earlier entries are whatever the
    client sent, so they are never used; without the proxy the header is ignored entirely."""
    remote = request.META.get("REMOTE_ADDR")
    if not settings.BEHIND_TLS_PROXY:
        return remote
    last = request.META.get("HTTP_X_FORWARDED_FOR", "").rsplit(",", 1)[-1].strip()
    try:
        return str(ipaddress.ip_address(last))
    except ValueError:  # no header, or not an address: the proxy is not the one we expect
        return remote
