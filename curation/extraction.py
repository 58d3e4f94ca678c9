"""The article in a page: its body, title, outlet, date and language, read from the HTML by
trafilatura (the field's maintained extractor), for the curator to confirm or correct
before anything is stored. Plain text is the body as it is."""

import re
from dataclasses import dataclass

import trafilatura
from django.utils.translation import gettext
from trafilatura.settings import Document
from trafilatura.utils import load_html

LANGUAGE_MAX = 8  # SourceArticle.language


class NothingToExtract(ValueError):
    """The page holds no article text; the message says so."""


@dataclass(frozen=True)
class Extracted:
    text: str
    title: str = ""
    outlet: str = ""
    published: str = ""  # YYYY-MM-DD, YYYY-MM or YYYY, as sources.dates parses; "" unknown
    language: str = ""


def charset_of(content_type: str) -> str | None:
    found = re.search(r"charset=\"?([\w.:-]+)", content_type, re.IGNORECASE)
    return found.group(1) if found else None


def extract(body: bytes, *, content_type: str = "text/html", url: str = "") -> Extracted:
    """What the page says, or NothingToExtract."""
    if content_type.split(";", 1)[0].strip().lower() == "text/plain":
        try:
            text = body.decode(charset_of(content_type) or "utf-8")
        except (LookupError, UnicodeDecodeError):
            raise NothingToExtract(
                gettext("The text is not in the character set it states.")
            ) from None
        if not text.strip():
            raise NothingToExtract(gettext("The page is empty."))
        return Extracted(text=text)
    document = trafilatura.bare_extraction(
        body, url=url or None, with_metadata=True, include_comments=False, favor_recall=True
    )
    text = getattr(document, "text", None) or ""
    if not isinstance(document, Document) or not text.strip():
        raise NothingToExtract(
            gettext(
                "No article text was found in the page (it may be built by scripts, or be an "
                "index of links); save the article's text and paste it instead."
            )
        )
    return Extracted(
        text=text,
        title=(document.title or "")[:300],
        outlet=(document.sitename or "")[:200],
        published=document.date or "",
        language=document.language or language_of(body),
    )


def language_of(body: bytes) -> str:
    """The language the page declares (``<html lang>``, else its Content-Language meta):
    trafilatura detects a language only with an optional package we do not need."""
    tree = load_html(body)
    if tree is None:
        return ""
    declared = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    if not declared:
        metas = tree.xpath(
            '//meta[translate(@http-equiv, "CONTENLAGU", "contenlagu")="content-language"]/@content'
        )
        declared = metas[0] if metas else ""
    return declared.split(",")[0].strip().split("-")[0].lower()[:LANGUAGE_MAX]
