from collections import Counter
from collections.abc import Iterable
from typing import TypedDict

from django import template
from django.http import HttpRequest
from django.utils.safestring import SafeString
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from releases.models import CLAIM, PART_LABELS, Certainty, Cited
from sources.citations import (
    Support,
    short_date,
    short_title,
    source_label,
    support,
    text_fragment_url,
)
from sources.models import Passage, SourceArticle
from web.markup import format_html, format_html_join
from web.templatetags.translated import marked

register = template.Library()

# Words of the headline used to tell apart two markers that would otherwise read the same.
LONG_TITLE_WORDS = 8


class _ArticleLabels(TypedDict):
    """What a marker says of its article."""

    article: SourceArticle
    source: str
    date: str
    detail: str
    published: str


class _Group(_ArticleLabels):
    """One article's marker: its labels and the fact's quotes from it."""

    quotes: list[Passage]


def _tell_apart(groups: list[_Group]) -> None:
    """Markers of one fact that would read the same (same outlet and date, or two untitled
    copies) get the words that tell them apart: the headline's start after an outlet, more
    of the headline otherwise, and a number as the last resort."""

    def label(group: _Group) -> tuple[str, str, str]:
        return (group["source"], group["date"], group["detail"])

    for key, seen in Counter(label(g) for g in groups).items():
        if seen < 2:
            continue
        for group in groups:
            if label(group) == key:
                article = group["article"]
                if article.outlet:
                    group["detail"] = short_title(article)
                else:
                    group["source"] = short_title(article, words=LONG_TITLE_WORDS)
    repeats = Counter(label(g) for g in groups)
    numbers: Counter[tuple[str, str, str]] = Counter()
    for group in groups:
        key = label(group)
        if repeats[key] > 1:
            numbers[key] += 1
            group["detail"] = " ".join(filter(None, [group["detail"], f"({numbers[key]})"]))


@register.simple_tag
def implied_badge() -> SafeString:
    """The mark of a fact the text suggests without saying it."""
    return format_html(
        '<span class="badge implied" title="{}">{}</span>',
        _("The text suggests this without saying it"),
        _("implied"),
    )


@register.simple_tag
def fact_meta(fact: Cited) -> SafeString:
    """What qualifies a fact, after it: "implied" when the text suggests it without saying
    it, who the claim is attributed to, and the curator's note. Count claims have only a
    note (their claimant is a column of their own)."""
    parts = []
    if getattr(fact, "certainty", None) == Certainty.IMPLIED:
        parts.append(implied_badge())
    if getattr(fact, "attributed_to", ""):
        # The claimant goes in escaped (and marked when in the other language); the
        # catalogue's sentence is ours, so it is the format string.
        sentence = _("according to %(claimant)s").replace("%(claimant)s", "{}")
        claim = format_html(sentence, marked(fact, "attributed_to"))
        parts.append(format_html(' <span class="attrib">{}</span>', claim))
    if getattr(fact, "note", ""):
        parts.append(format_html(' <span class="note">{}</span>', marked(fact, "note")))
    return _joined(parts)


@register.simple_tag(takes_context=True)
def citations(
    context: template.Context, fact: Cited, label: str = "", permalink: bool = False
) -> SafeString:
    """Compact citation markers for anything with a ``citations`` relation (prefetched):
    one marker per article, labelled by outlet and date, opening to its quotes; then, once
    per fact, how many independent origins support it. With ``permalink`` (pages that
    list facts for citing), a link to the fact's anchor and a "Copy citation" button.

    Written with ``format_html`` rather than an included template: a people page shows a
    hundred facts or more, and rendering a template per fact was a third of its time.
    Every value is escaped by ``format_html``."""
    request: HttpRequest | None = context.get("request")
    passages = list(fact.citations.all())
    by_article: dict[int, _Group] = {}
    for passage in passages:
        article = passage.article
        group = by_article.setdefault(
            passage.article_id, {**_article_labels(article, request), "quotes": []}
        )
        group["quotes"].append(passage)
    groups = list(by_article.values())
    _tell_apart(groups)
    prefix = _("Source for %(label)s:") % {"label": label} if label else _("Source:")
    markers = [_marker(group, prefix, request, fact) for group in groups]
    tools = [_support_note(support(passages), permalink)]
    if permalink:
        tools.append(_fact_tools(fact, label))
    return format_html(
        '<span class="cites">{}{}{}</span>',
        _joined(markers),
        _by_part(fact, groups),
        _joined(tools),
    )


def _article_labels(article: SourceArticle, request: HttpRequest | None) -> _ArticleLabels:
    """What a marker says of its article, worked out once per article and language in a
    request: a page cites a few articles a hundred times, and formatting their dates was
    a good part of drawing each marker."""
    # Kept on the request, by article and language.
    memo: dict[tuple[int, str | None], _ArticleLabels] | None = (
        getattr(request, "_citation_articles", None) if request else None
    )
    key = (article.pk, get_language())
    if memo is not None and key in memo:
        return {**memo[key], "article": article}
    labels: _ArticleLabels = {
        "article": article,
        "source": source_label(article),
        "date": short_date(article),
        "detail": "",
        "published": article.published_display,
    }
    if request is not None:
        if memo is None:
            memo = {}
            request._citation_articles = memo  # type: ignore[attr-defined]  # ours, for this request
        memo[key] = labels
    return labels.copy()


def _parts_label(names: list[str]) -> str:
    """The values a quote supports, in words; the claim itself only when it is all."""
    shown = [name for name in names if name != CLAIM] or names
    return ", ".join(str(PART_LABELS[name]) for name in shown)


def _by_part(fact: Cited, groups: list[_Group]) -> SafeString:
    """For a fact whose quotes each support only some of its values: value by value, which
    quotes say it (the place from one sentence, the date from another), so a reader needn't
    open every marker to tell. Nothing for the usual fact, whose every quote supports it
    all; the claim itself is not repeated (the markers hold every quote)."""
    if not getattr(fact, "cited_parts", None):
        return SafeString("")
    order = type(fact).citable_parts
    # part -> quote -> the sources saying it, in order, so a quote two copies share is
    # shown once with both sources.
    saying: dict[str, dict[str, list[str]]] = {}
    for group in groups:
        source = " · ".join(filter(None, [group["source"], group["date"], group["detail"]]))
        for passage in group["quotes"]:
            for part in fact.parts_cited_by(passage.pk) or order:
                saying.setdefault(part, {}).setdefault(passage.quote, []).append(source)
    rows = [
        format_html(
            '<span class="part-row"><span class="part">{}:</span> {}</span>\n',
            PART_LABELS[part],
            format_html_join(
                "; ",
                "<q>{}</q> ({})",
                ((quote, "; ".join(sources)) for quote, sources in saying[part].items()),
            ),
        )
        for part in order
        if part in saying
    ]
    if not rows:
        return SafeString("")
    return format_html(
        '<span class="by-part"><span class="visually-hidden">{} </span>{}</span>',
        _("Which quote says what:"),
        _joined(rows),
    )


@register.simple_tag
def translation_of(passage: Passage) -> SafeString | str:
    """The quote's translation into the page's language, after the original and never
    instead of it, saying how it was made and by whom ("traducción humana, por …")."""
    if not passage.translation or passage.translation_language != (get_language() or "en"):
        return ""
    return format_html(
        '\n    <span class="translation" lang="{}" data-label="{}">'
        '<span class="translation-label">{}:</span> <q>{}</q></span>',
        passage.translation_language,
        passage.translation_label,
        passage.translation_label,
        passage.translation,
    )


def _joined(parts: Iterable[SafeString | str]) -> SafeString:
    return format_html_join("", "{}", ((part,) for part in parts))


def _original_links(article: SourceArticle, original: str | None) -> SafeString:
    """The live page (at the quote, where the browser can find it) and, when the text was
    read from a captured page, the capture: the page as it was, whatever it says now."""
    links = []
    if original:
        links.append(
            format_html(
                '<a class="original" href="{}" rel="noopener noreferrer">{}</a>',
                original,
                _("original page"),
            )
        )
    if article.capture_id:
        links.append(
            format_html(
                '<a class="capture" href="{}#capture">{}</a>',
                article.get_absolute_url(),
                _("capture"),
            )
        )
    return format_html_join("", " ·\n    {}", ((link,) for link in links))


def _marker(group: _Group, prefix: str, request: HttpRequest | None, fact: Cited) -> SafeString:
    """One article's marker: a disclosure whose summary names the source and whose body
    holds the quotes, each with what it supports when that is only part of the fact, and
    its place in the article and on the original page."""
    article = group["article"]
    label = " · ".join(filter(None, [group["source"], group["date"], group["detail"]]))
    times = len(group["quotes"])
    quotes = []
    for passage in group["quotes"]:
        path = passage.get_absolute_url()
        original = text_fragment_url(passage)
        parts = fact.parts_cited_by(passage.pk) if getattr(fact, "cited_parts", None) else []
        quotes.append(
            format_html(
                '<span class="quote">{}<q>{}</q>{}\n    <a class="in-context" href="{}" '
                'data-url="{}">{}</a>{}</span>\n  ',
                format_html(
                    '<span class="supports">{} </span>',
                    _("For %(parts)s:") % {"parts": _parts_label(parts)},
                )
                if parts
                else "",
                passage.quote,
                translation_of(passage),
                path,
                request.build_absolute_uri(path) if request else path,
                _("in context"),
                _original_links(article, original),
            )
        )
    return format_html(
        '<details class="cite" data-source="{}" data-date="{}" data-article-url="{}">'
        '<summary><span class="visually-hidden">{} </span>{}{}</summary>'
        '<span class="cite-body">\n  {}</span></details>\n',
        article.outlet or article.title or group["source"],
        group["published"],
        article.url,
        prefix,
        label,
        format_html(' <span class="times">&times;{}</span>', times) if times > 1 else "",
        _joined(quotes),
    )


def _support_note(support: Support, permalink: bool) -> str:
    """How many independent origins support the fact, when reprints make them fewer than
    the articles (otherwise the markers already say it)."""
    if not support.has_reprints:
        return ""
    numbers = {"articles": support.articles, "origins": support.origins}
    if permalink:
        note = ngettext(
            "%(articles)s articles, %(origins)s independent origin "
            "(reprints of one story count once)",
            "%(articles)s articles, %(origins)s independent origins "
            "(reprints of one story count once)",
            support.origins,
        )
    else:
        note = ngettext(
            "%(articles)s articles, %(origins)s independent origin",
            "%(articles)s articles, %(origins)s independent origins",
            support.origins,
        )
    return format_html('<span class="support">{}</span>\n', note % numbers)


def _fact_tools(fact: Cited, label: str) -> SafeString:
    """The fact's permalink, and the "Copy citation" button that static/js/citations.js
    reveals where the clipboard can be written; its data attributes are the copied text's
    lines in the page's language."""
    link_label = (
        _("Link to this fact: %(label)s") % {"label": label} if label else _("Link to this fact")
    )
    return format_html(
        '<span class="fact-tools">\n  <a class="permalink" href="#{}" aria-label="{}">{}</a>\n'
        '  <button type="button" class="copy-citation" hidden data-fact="{}" data-copied="{}" '
        'data-failed="{}" data-quote-line="{}" data-translation-line="{}" data-article-line="{}" '
        'data-context-line="{}">{}</button>\n</span>',
        fact.anchor,
        link_label,
        _("link"),
        # What a copied citation says it supports, first ("Ana Pérez: released (…)").
        str(fact),
        _("Citation copied"),
        _("Could not copy: select the quote and copy it by hand"),
        _("“{quote}” ({source}, {date})"),
        # The translation, labelled, after the original words it translates.
        _("{label}: “{translation}”"),
        _("Article: {url}"),
        _("In context: {url}"),
        _("Copy citation"),
    )
