"""Helpers for the browser tests: which Chromium, how to start it, how to wait for htmx."""

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Page, Playwright, Response

CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 5_000


def launch(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


@contextmanager
def htmx_swap(page: Page, path: str) -> Iterator[Any]:
    """Wait for the htmx request for ``path`` that the block's actions trigger, then for its
    answer to be swapped in and settled, so the next action meets the new elements."""

    def is_htmx_answer(response: Response) -> bool:
        return (
            urlsplit(response.url).path == path
            and response.request.headers.get("hx-request") == "true"
        )

    with page.expect_response(is_htmx_answer) as answer:
        yield answer
    page.wait_for_function(
        "() => !document.querySelector('.htmx-request, .htmx-swapping, .htmx-settling')"
    )
