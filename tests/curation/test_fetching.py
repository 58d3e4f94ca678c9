"""Safe fetching: what is fetched, and every refusal, each with a message saying why."""

import socket

import pytest

from curation import fetching
from curation.fetching import FetchRefused, fetch
from tests.curation.pages import Route, article_html

PAGE = article_html("Three freed", ["Three people were freed on Friday, their lawyers said."])


def test_a_page_is_fetched_as_received_after_its_redirects(pages):
    pages.add("/story", body=PAGE, headers=[("Content-Type", "text/html"), ("X-Edition", "1")])
    pages.redirect("/short", "/old")
    pages.redirect("/old", pages.url("/story"), status=301)
    got = fetch(pages.url("/short"))
    assert (got.requested_url, got.final_url) == (pages.url("/short"), pages.url("/story"))
    assert (got.status, got.reason, got.body) == (200, "OK", PAGE)
    assert ("X-Edition", "1") in got.headers
    assert got.redirects == [pages.url("/old"), pages.url("/story")]


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("ftp://example.org/a.html", "only http and https"),
        ("file:///etc/passwd", "only http and https"),
        ("javascript:alert(1)", "only http and https"),
        ("http:///nohost", "names no host"),
        ("http://example.org:99999/", "port is not a number"),
    ],
)
def test_links_that_are_not_web_pages_are_refused(url, words):
    with pytest.raises(FetchRefused, match=words):
        fetch(url)


def test_loopback_is_refused_unless_the_tests_allow_it(pages, settings):
    url = pages.add("/story", body=PAGE)
    settings.INGEST_ALLOW_LOOPBACK = False
    for link in (url, url.replace("127.0.0.1", "localhost"), "http://[::1]/"):
        with pytest.raises(FetchRefused, match="loopback address"):
            fetch(link)
    assert pages.hits == []


@pytest.fixture
def dns(monkeypatch):
    """Names resolving to the addresses a test gives them: the refusals come after DNS,
    before any connection is tried, so nothing is sent anywhere."""
    answers: dict[str, str] = {}
    real = socket.getaddrinfo

    def getaddrinfo(host, port, *args, **kwargs):
        if host in answers:
            family = socket.AF_INET6 if ":" in answers[host] else socket.AF_INET
            return [(family, socket.SOCK_STREAM, 6, "", (answers[host], port))]
        return real(host, port, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", getaddrinfo)
    return answers


@pytest.fixture
def no_connections(monkeypatch):
    def never(*args, **kwargs):
        raise AssertionError("no connection may be tried")

    monkeypatch.setattr(socket, "create_connection", never)


@pytest.mark.parametrize(
    ("address", "words"),
    [
        ("10.1.2.3", "private network"),
        ("192.168.0.10", "private network"),
        ("172.16.5.4", "private network"),
        ("169.254.169.254", "cloud metadata"),
        ("169.254.10.1", "link-local"),
        ("100.100.100.200", "cloud metadata"),
        ("fd00:ec2::254", "cloud metadata"),
        ("fe80::1", "link-local"),
        ("::ffff:127.0.0.1", "loopback"),
        ("0.0.0.0", "not a public internet address"),  # noqa: S104
        ("224.0.0.1", "not a public internet address"),
        ("100.64.0.1", "not a public internet address"),
    ],
)
def test_names_resolving_to_inner_addresses_are_refused_after_dns(
    dns, no_connections, address, words
):
    dns["news.example"] = address
    with pytest.raises(FetchRefused, match=f"news.example resolves to .*{words}"):
        fetch("https://news.example/story")


def test_every_redirect_is_checked_again(pages, dns):
    dns["intranet.example"] = "10.0.0.7"
    targets = {
        "/to-metadata": "http://169.254.169.254/latest/meta-data/",
        "/to-intranet": "http://intranet.example/admin",
        "/to-file": "file:///etc/passwd",
    }
    for path, target in targets.items():
        pages.redirect(path, target)
    for path, words in [
        ("/to-metadata", "cloud metadata"),
        ("/to-intranet", "private network"),
        ("/to-file", "only http and https"),
    ]:
        with pytest.raises(FetchRefused, match=words):
            fetch(pages.url(path))
    assert sorted(pages.hits) == sorted(targets)  # only the test's own server was reached


def test_more_than_five_redirects_are_refused(pages):
    for n in range(6):
        pages.redirect(f"/hop{n}", f"/hop{n + 1}")
    pages.add("/hop6", body=PAGE)
    pages.redirect("/five", "/hop2")
    assert fetch(pages.url("/five")).final_url == pages.url("/hop6")  # 5 redirects: fine
    with pytest.raises(FetchRefused, match="redirects more than 5 times"):
        fetch(pages.url("/hop0"))


def test_a_slow_page_is_refused_at_the_time_limit(pages, monkeypatch):
    monkeypatch.setattr(fetching, "TIMEOUT", 0.5)
    pages.add("/slow", Route(body=PAGE, chunks=10, delay=0.2))
    with pytest.raises(FetchRefused, match=r"took longer than 0\.5 seconds"):
        fetch(pages.url("/slow"))


def test_a_page_over_five_megabytes_is_refused(pages):
    big = b"<p>" + b"x" * fetching.MAX_BYTES + b"</p>"
    pages.add("/big", body=big)
    with pytest.raises(FetchRefused, match="limit is 5,000,000 bytes"):
        fetch(pages.url("/big"))
    # Without a Content-Length the body is read only up to the limit.
    pages.add("/big-unsaid", Route(body=big, content_length=False, chunks=20))
    with pytest.raises(FetchRefused, match="limit is 5,000,000 bytes"):
        fetch(pages.url("/big-unsaid"))


@pytest.mark.parametrize(
    "content_type", ["application/pdf", "image/png", "application/json", "text/css"]
)
def test_what_is_not_html_or_plain_text_is_refused(pages, content_type):
    pages.add("/file", body=b"%PDF-1.7", headers=[("Content-Type", content_type)])
    with pytest.raises(FetchRefused, match=f"is {content_type}, not an HTML page"):
        fetch(pages.url("/file"))


def test_an_error_answer_is_refused(pages):
    with pytest.raises(FetchRefused, match="answered 404"):
        fetch(pages.url("/missing"))


def test_a_server_that_does_not_answer_is_a_clear_refusal(pages):
    dead = pages.url("/x").replace(str(pages.httpd.server_address[1]), "9")
    with pytest.raises(FetchRefused, match="could not be fetched"):
        fetch(dead)
