"""Every citation as a W3C Web Annotation (JSON-LD, the ``anno.jsonld`` context).

One annotation is one fact citing one passage. Its body says what the fact is, in words
(a ``TextualBody`` in the page's language) and by its permalink on this site; its targets
are the words themselves:

- on the article's original page, when its address is known, by a ``TextQuoteSelector``
  (exact, prefix, suffix): what an annotation tool anchors on a page it did not write,
  with the capture the text was read from, when there is one, as its ``state`` (a
  ``TimeState``: the WARC record's address and digest, and when it was retrieved);
- in the stored text (``/sources/<slug>/text/``, verbatim, ``text/plain``), by the same
  ``TextQuoteSelector`` and a ``TextPositionSelector``, so that ``text[start:end] ==
  exact`` can be checked by anyone. Positions are only given here: the original page's
  text is not the stored text, and a position there would point at other words.

Served per fact (``/annotations/<kind>/<id>/``), per article
(``/sources/<slug>/annotations/``) and for the whole record (``/annotations/``, an
``AnnotationCollection`` paged by ``PASSAGES_PER_PAGE`` passages, with every annotation of
each). A page costs what it shows: the prefix and suffix are cut by the database
(``sources.selectors.with_context``), and the facts are read once per kind of fact.
"""

import base64
import math
from collections.abc import Callable, Iterable
from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import get_language, gettext
from django.views.decorators.http import require_safe

from releases.models import CITED_MODELS, PART_LABELS, Cited
from releases.selectors import records_citing
from sources import selectors as source_selectors
from sources.citations import short_title
from sources.models import Passage, SourceArticle
from web.caching import PageParams, cached_page

# The one parameter a collection takes: which page (not "page", which the page cache reads
# as a list's, page 1 being none).
PAGED = PageParams(("p",))

Link = Callable[[str], str]
# A row of one of releases.CITED_MODELS: each says what it is (``str``) and where it is
# shown (``get_absolute_url``), which their abstract base does not declare.
CitedFact = Any

CONTEXT = "http://www.w3.org/ns/anno.jsonld"
CONTENT_TYPE = f'application/ld+json; profile="{CONTEXT}"'
# A page of the whole record holds every annotation of this many passages (in passage order).
PASSAGES_PER_PAGE = 100
# Addressed as /annotations/<kind>/…: the model's name, as in a fact's anchor on its page.
KINDS: dict[str, type[Cited]] = {str(model._meta.model_name): model for model in CITED_MODELS}


def _passages() -> QuerySet[Passage]:
    return source_selectors.with_context(
        Passage.objects.valid()
        .select_related("article__capture")
        .defer("article__text", "article__search_text", "article__capture__warc")
    )


def capture_states(article: SourceArticle, link: Link) -> list[dict[str, Any]]:
    """The archived copy of the original page the text was read from, as a ``TimeState``:
    ``cached`` names it twice, by the address of its WARC record and by that record's
    SHA-256 (an RFC 6920 ``ni:`` name, which the download checks against), and
    ``sourceDate`` says when it was retrieved. None for an article with no capture."""
    capture = article.capture
    if capture is None:
        return []
    digest = base64.urlsafe_b64encode(bytes.fromhex(capture.warc_sha256)).decode().rstrip("=")
    return [
        {
            "type": "TimeState",
            "cached": [
                link(reverse("sources:capture", args=[article.slug])),
                f"ni:///sha-256;{digest}",
            ],
            "sourceDate": capture.retrieved_at.isoformat(),
        }
    ]


def _quote_selector(passage: Passage) -> dict[str, Any]:
    return {
        "type": "TextQuoteSelector",
        "exact": passage.quote,
        # Annotated by sources.selectors.with_context.
        "prefix": passage.prefix,  # type: ignore[attr-defined]
        "suffix": passage.suffix,  # type: ignore[attr-defined]
    }


def targets(passage: Passage, link: Link) -> list[dict[str, Any]]:
    """Where the words are: the original page (by quote), and the stored text (by quote
    and by position)."""
    article = passage.article
    stored = {
        "type": "SpecificResource",
        "source": {
            "id": link(reverse("sources:text", args=[article.slug])),
            "type": "Text",
            "format": "text/plain",
            "language": article.language,
        },
        "selector": [
            _quote_selector(passage),
            {"type": "TextPositionSelector", "start": passage.start, "end": passage.end},
        ],
    }
    if not article.url:
        return [stored]
    original: dict[str, Any] = {
        "type": "SpecificResource",
        "source": article.url,
        "selector": _quote_selector(passage),
    }
    if states := capture_states(article, link):
        original["state"] = states
    return [original, stored]


def annotation_path(fact: CitedFact, passage: Passage) -> str:
    kind = fact._meta.model_name
    return reverse("releases:annotation", args=[kind, fact.pk, passage.pk])


def description(fact: CitedFact, passage: Passage) -> str:
    """What the fact is, and, when the quote supports only some of it (the place, not the
    date), which parts."""
    parts = fact.parts_cited_by(passage.pk)
    if not parts:
        return str(fact)
    return gettext("%(fact)s (this quote supports %(parts)s)") % {
        "fact": fact,
        "parts": ", ".join(str(PART_LABELS.get(part, part)) for part in parts),
    }


def annotation(fact: CitedFact, passage: Passage, link: Link) -> dict[str, Any]:
    """One fact citing one passage. ``fact`` comes with what its ``str`` and its
    permalink read (``label_related``), ``passage`` with its article and context."""
    return {
        "id": link(annotation_path(fact, passage)),
        "type": "Annotation",
        "motivation": "describing",
        "body": [
            {
                "type": "TextualBody",
                "purpose": "describing",
                "value": description(fact, passage),
                "format": "text/plain",
                "language": get_language(),
            },
            {
                "type": "SpecificResource",
                "purpose": "linking",
                "source": {
                    "id": link(fact.get_absolute_url()),
                    "type": "Text",
                    "format": "text/html",
                },
            },
        ],
        "target": targets(passage, link),
    }


def _page(items: list[dict[str, Any]], **fields: object) -> dict[str, Any]:
    return {"type": "AnnotationPage", **fields, "items": items}


def small_collection(
    request: HttpRequest, url: str, label: str, items: list[dict[str, Any]]
) -> HttpResponse:
    """A collection small enough to send whole (one fact's, one article's), with its one
    page embedded; ``?p=1`` is that page alone."""
    wanted = request.GET.get("p")
    page = _page(items, id=f"{url}?p=1", partOf=url, startIndex=0)
    if wanted == "1":
        return _response({"@context": CONTEXT, **page})
    if wanted is not None:
        return _bad_page()
    return _response(
        {
            "@context": CONTEXT,
            "id": url,
            "type": "AnnotationCollection",
            "label": label,
            "total": len(items),
            "first": page,
            "last": page["id"],
        }
    )


def _annotations_of(passages: Iterable[Passage], link: Link) -> list[dict[str, Any]]:
    passages = list(passages)
    citing = records_citing(p.pk for p in passages)
    return [annotation(fact, p, link) for p in passages for fact in citing.get(p.pk, [])]


def _response(document: dict[str, Any]) -> HttpResponse:
    return JsonResponse(
        document, content_type=CONTENT_TYPE, json_dumps_params={"ensure_ascii": False}
    )


def _bad_page() -> JsonResponse:
    message = gettext("A page is a whole number from 1 to the collection's last page.")
    return JsonResponse({"errors": {"p": [message]}}, status=400)


def _fact(kind: str, pk: int) -> CitedFact:
    model = KINDS.get(kind)
    if model is None:
        raise Http404("No such fact.")
    facts = model.objects.published()
    if model.label_related:  # select_related() of nothing would join every foreign key
        facts = facts.select_related(*model.label_related)
    return get_object_or_404(facts.prefetch_related(Prefetch("citations", _passages())), pk=pk)


@require_safe
@cached_page(params=PAGED)
def fact_annotations(request: HttpRequest, kind: str, pk: int) -> HttpResponse:
    fact = _fact(kind, pk)
    link = request.build_absolute_uri
    items = [annotation(fact, passage, link) for passage in fact.citations.all()]
    url = link(reverse("releases:fact_annotations", args=[kind, fact.pk]))
    return small_collection(request, url, str(fact), items)


@require_safe
@cached_page()
def single_annotation(request: HttpRequest, kind: str, pk: int, passage: int) -> HttpResponse:
    fact = _fact(kind, pk)
    cited = next((p for p in fact.citations.all() if p.pk == passage), None)
    if cited is None:
        raise Http404("The fact does not cite this passage.")
    return _response({"@context": CONTEXT, **annotation(fact, cited, request.build_absolute_uri)})


@require_safe
@cached_page(params=PAGED)
def article_annotations(request: HttpRequest, slug: str) -> HttpResponse:
    article = get_object_or_404(SourceArticle.objects.defer("text", "search_text"), slug=slug)
    passages = _passages().filter(article=article).order_by("start", "end", "pk")
    link = request.build_absolute_uri
    url = link(reverse("sources:annotations", args=[slug]))
    items = _annotations_of(passages, link)
    return small_collection(request, url, article.title or short_title(article), items)


def _citation_total() -> int:
    """How many annotations the whole record has: every (public record, valid passage)."""
    total = 0
    for model in CITED_MODELS:
        owner = model.citations_owner()
        rows = model.citations.through._default_manager.filter(
            **{f"{owner}__is_public": True}, passage__is_valid=True
        )
        total += rows.count()
    return total


@require_safe
@cached_page(params=PAGED)
def record_annotations(request: HttpRequest) -> HttpResponse:
    link = request.build_absolute_uri
    url = link(reverse("releases:annotations"))
    passages = _passages().order_by("pk")
    last = max(1, math.ceil(Passage.objects.valid().count() / PASSAGES_PER_PAGE))
    wanted = request.GET.get("p")
    if wanted is None:
        return _response(
            {
                "@context": CONTEXT,
                "id": url,
                "type": "AnnotationCollection",
                "label": gettext("Every citation in the record"),
                "total": _citation_total(),
                "first": f"{url}?p=1",
                "last": f"{url}?p={last}",
            }
        )
    if not (wanted.isascii() and wanted.isdigit()) or not 1 <= int(wanted) <= last:
        return _bad_page()
    number = int(wanted)
    start = (number - 1) * PASSAGES_PER_PAGE
    items = _annotations_of(passages[start : start + PASSAGES_PER_PAGE], link)
    neighbours = {"prev": number - 1, "next": number + 1}
    return _response(
        {
            "@context": CONTEXT,
            **_page(
                items,
                id=f"{url}?p={number}",
                partOf=url,
                **{
                    name: f"{url}?p={other}"
                    for name, other in neighbours.items()
                    if 1 <= other <= last
                },
            ),
        }
    )


@require_safe
@cached_page()
def article_text(request: HttpRequest, slug: str) -> HttpResponse:
    """The article's stored text, verbatim: what the annotations' positions count in
    (characters, that is Unicode code points, as Python and the W3C model count them)."""
    article = get_object_or_404(SourceArticle.objects.only("text"), slug=slug)
    return HttpResponse(article.text, content_type="text/plain; charset=utf-8")
