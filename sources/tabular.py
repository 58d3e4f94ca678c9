"""CSV cells drawn from JSON records: the column type, the citation columns every cited
list shares, and the neutralising that keeps a spreadsheet from running a cell as a formula.

Plain Python (no Django): both the stored person records (``releases.records``) and the
streamed exports (``releases.exports``) use it, so the CSV of a list is derived from its JSON
record in one way only.
"""

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

# A cell starting with one of these is run as a formula by spreadsheet programs.
_FORMULA_STARTS = ("=", "+", "-", "@")
# Leading white space hides a formula start from a naive check, and a leading tab or line
# break is itself enough for some programs to read the cell as a formula.
_LEADING_SPACE = " \t\r\n"


def neutralise(cell: object) -> str:
    text = "" if cell is None else str(cell)
    if text[:1] in ("\t", "\r", "\n") or text.lstrip(_LEADING_SPACE).startswith(_FORMULA_STARTS):
        return "'" + text
    return text


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable[[dict], object]
    # A column of links: site paths in a stored record are made absolute when served.
    links: bool = False
    # A column of curators' words in the reader's language: its value in each of these
    # languages (``in_language``), so that a stored row, written in one language, is
    # finished in the reader's when served.
    languages: tuple[str, ...] = ()
    in_language: Callable[[dict, str], object] | None = None


def _words(record: dict, key: str, language: str, languages: tuple[str, ...]) -> object:
    """``key``'s curators' words in ``language``, else in the first other language that has
    them (as the pages fall back); the record's own value where they are not curators'
    words at all (a name, a country)."""
    values = record.get(f"{key}_i18n")
    if values is None:
        return record.get(key)
    return next((values[lang] for lang in (language, *languages) if values.get(lang)), None)


def _written_in(record: dict[str, Any], key: str, language: str) -> object:
    """``key``'s curators' words as written in ``language``; None where they are not."""
    return (record.get(f"{key}_i18n") or {}).get(language)


def in_every_language(key: str, languages: tuple[str, ...]) -> list[Column]:
    """A column of curators' words in the export's language, and one per language beside it
    (``title``, ``title_en``, ``title_es``), drawn from the record's ``title_i18n``; a
    language's column is empty where it has no value, or where the value is not curators'
    words at all (a name, a country)."""
    return [
        Column(
            key,
            lambda r: r[key],
            languages=languages,
            in_language=lambda r, lang: _words(r, key, lang, languages),
        ),
        *(
            Column(f"{key}_{lang}", functools.partial(_written_in, key=key, language=lang))
            for lang in languages
        ),
    ]


def citation_columns(key: str, label: Callable[[dict], str]) -> list[Column]:
    """Four columns for a list of cited facts under ``key``: a label per fact, and the
    quotes, outlets and article URLs of their citations. Multiple facts are separated by
    ' | ', multiple citations of one fact by ' ; '."""

    def joined(part: Callable[[dict], object]) -> Callable[[dict], str]:
        return lambda record: " | ".join(
            " ; ".join(str(part(c) or "") for c in fact["citations"]) for fact in record[key]
        )

    return [
        Column(key, lambda r: " | ".join(label(fact) for fact in r[key])),
        Column(f"{key}_quotes", joined(lambda c: c["quote"])),
        Column(f"{key}_outlets", joined(lambda c: c["outlet"] or c["article"])),
        Column(f"{key}_article_urls", joined(lambda c: c["article_url"] or c["url"]), links=True),
    ]


def translated_citation_columns(key: str, field: str, languages: tuple[str, ...]) -> list[Column]:
    """``citation_columns`` for facts labelled by curators' words (a role's ``title``): the
    labels in the export's language, then in each language (``roles_en``, ``roles_es``),
    then the quotes, outlets and article URLs of their citations."""

    def labels(words: Callable[[dict], object]) -> Callable[[dict], str]:
        return lambda record: " | ".join(str(words(fact) or "") for fact in record[key])

    label, *citations = citation_columns(key, lambda fact: str(fact[field] or ""))
    return [
        Column(
            key,
            label.value,
            languages=languages,
            in_language=lambda r, lang: labels(lambda f: _words(f, field, lang, languages))(r),
        ),
        *(
            Column(
                f"{key}_{lang}",
                labels(functools.partial(_written_in, key=field, language=lang)),
            )
            for lang in languages
        ),
        *citations,
    ]


def own_citation_columns(key: str = "citations") -> list[Column]:
    """Quote, outlet and article-URL columns for a record's own list of citations."""

    def joined(part: Callable[[dict], object]) -> Callable[[dict], str]:
        return lambda record: " ; ".join(str(part(c) or "") for c in record[key])

    return [
        Column(f"{key}_quotes", joined(lambda c: c["quote"])),
        Column(f"{key}_outlets", joined(lambda c: c["outlet"] or c["article"])),
        Column(f"{key}_article_urls", joined(lambda c: c["article_url"] or c["url"]), links=True),
    ]


def csv_cells(columns: list[Column], record: dict) -> list[str]:
    return [neutralise(column.value(record)) for column in columns]


def csv_field(text: str) -> str:
    """One field as the csv module writes it by default (QUOTE_MINIMAL, ``"`` doubled)."""
    # Four substring searches run at C speed; a set test would walk the text in Python.
    if '"' in text or "," in text or "\n" in text or "\r" in text:
        return '"' + text.replace('"', '""') + '"'
    return text


def csv_line(cells: list[str]) -> str:
    return ",".join(map(csv_field, cells)) + "\r\n"


# A cell of a row written ahead: a link (a site path), or curators' words by language.
Segment = str | dict[str, str]


def csv_segments(columns: list[Column], record: dict) -> list[Segment]:
    """A CSV row written ahead, to be finished when served: CSV text (delimiters included)
    and cells to finish alternate, so that only they are made and quoted then
    (``finish_csv_segments``): links, which hold site paths, made absolute; curators' words
    in the reader's language, kept in every language ({"en": …, "es": …})."""
    segments: list[Segment] = []
    text: list[str] = []
    for column, cell in zip(columns, csv_cells(columns, record), strict=True):
        if column.links or column.in_language is not None:
            segments.append("".join(text))
            if column.in_language is None:
                segments.append(cell)
            else:
                words = column.in_language
                segments.append(
                    {lang: neutralise(words(record, lang)) for lang in column.languages}
                )
            text = [","]
        else:
            text.append(csv_field(cell) + ",")
    segments.append("".join(text)[:-1] + "\r\n")
    return segments


def absolute_links(cell: str, root: str) -> str:
    """Site paths in a cell of links (``/…``, ``… ; /…``, ``… | /…``) made absolute."""
    if cell.startswith("/"):
        cell = root + cell
    if "; /" in cell or "| /" in cell:
        cell = cell.replace("; /", f"; {root}/").replace("| /", f"| {root}/")
    return cell


def finish_csv_segments(segments: list[Segment], root: str, language: str) -> str:
    """A row written ahead (``csv_segments``), for a reader of ``language`` at ``root``."""
    cells: list[str] = []
    for index, segment in enumerate(segments):
        if index % 2 == 0:
            cells.append(str(segment))
        elif isinstance(segment, dict):
            cells.append(csv_field(segment.get(language, next(iter(segment.values()), ""))))
        else:
            cells.append(csv_field(absolute_links(segment, root)))
    return "".join(cells)


# Where a stored row's links begin with the site's root, which only a request knows
# (``stored_row``): a character of Unicode's private use area, which no text means to use.
ROOT_MARK = "\ue000"
_MARK_RUNS = re.compile(f"{ROOT_MARK}+")


def stored_row(segments: list[Segment], language: str) -> str:
    """A row written ahead (``csv_segments``) finished for readers of ``language``, but for
    the site's root: each link starts with a mark instead, and the mark comes first, before
    a comma (``finish_stored_row``). The mark is ``ROOT_MARK`` repeated once more than the
    longest run of it in the row's own text, so no text can be taken for it; the root, a
    scheme, host and path with no comma, quote or line break, leaves the quoting as it is."""
    text = finish_csv_segments(segments, "", language)
    longest = max((len(run) for run in _MARK_RUNS.findall(text)), default=0)
    mark = ROOT_MARK * (longest + 1)
    return f"{mark},{finish_csv_segments(segments, mark, language)}"


def finish_stored_row(stored: str, root: str) -> str:
    """A ``stored_row`` for a reader at ``root`` ("https://host/es"): two string operations
    done in C, where reading the row's segments from JSON cost 16 µs a row."""
    mark, _comma, row = stored.partition(",")
    return row.replace(mark, root)
