from django.test import RequestFactory, override_settings

from config.client_ip import client_ip


def _request(forwarded: str | None = None):
    extra = {"REMOTE_ADDR": "10.0.0.2"}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@override_settings(BEHIND_TLS_PROXY=False)
def test_without_the_proxy_the_connecting_address_counts_and_the_header_is_ignored():
    assert client_ip(_request("203.0.113.9")) == "10.0.0.2"


@override_settings(BEHIND_TLS_PROXY=True)
def test_behind_the_proxy_the_address_it_appended_counts_not_what_the_client_sent():
    assert client_ip(_request("203.0.113.9")) == "203.0.113.9"
    assert client_ip(_request("198.51.100.1, 203.0.113.9")) == "203.0.113.9"
    assert client_ip(_request("2001:db8::1")) == "2001:db8::1"


@override_settings(BEHIND_TLS_PROXY=True)
def test_behind_the_proxy_a_missing_or_garbled_header_falls_back_to_the_connecting_address():
    for forwarded in (None, "", "not an address", "203.0.113.9, ", "\x00"):
        assert client_ip(_request(forwarded)) == "10.0.0.2"
