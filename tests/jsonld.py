"""JSON-LD processing in tests, offline: the W3C annotation context is served from the copy
bundled here (``tests/web/jsonld/anno.jsonld``), and any other remote document fails."""

import json
from pathlib import Path

from pyld import jsonld

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
_BUNDLED = {ANNO_CONTEXT: Path(__file__).parent / "web" / "jsonld" / "anno.jsonld"}


def load_locally(url: str, options: dict) -> dict:
    if url not in _BUNDLED:
        raise AssertionError(f"a test asked for a remote document: {url}")
    document = json.loads(_BUNDLED[url].read_text(encoding="utf-8"))
    return {"contextUrl": None, "documentUrl": url, "document": document}


def expand(document: dict) -> list:
    """``document`` expanded, failing if the context leaves any of its terms undefined (a
    property a processor would silently drop)."""
    dropped: list = []
    expanded = jsonld.expand(
        document, {"documentLoader": load_locally}, on_property_dropped=dropped.append
    )
    assert not dropped, f"terms the context does not define: {dropped}"
    return expanded
