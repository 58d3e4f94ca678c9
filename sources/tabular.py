"""CSV cells drawn from JSON records: the column type, the citation columns every cited
list shares, and the neutralising that keeps a spreadsheet from running a cell as a formula.

Plain Python (no Django): both the stored person records (``releases.records``) and the
streamed exports (``releases.exports``) use it, so the CSV of a list is derived from its JSON
record in one way only.
"""

from collections.abc import Callable
from dataclasses import dataclass

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


def in_every_language(key: str, languages: tuple[str, ...]) -> list[Column]:
    """A column of curators' words in the export's language, and one per language beside it
    (``title``, ``title_en``, ``title_es``), drawn from the record's ``title_i18n``; a
    language's column is empty where it has no value, or where the value is not curators'
    words at all (a name, a country)."""
    return [
        Column(key, lambda r: r[key]),
        *(
            Column(f"{key}_{lang}", lambda r, lang=lang: (r.get(f"{key}_i18n") or {}).get(lang))
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


def csv_segments(columns: list[Column], record: dict) -> list[str]:
    """A CSV row written ahead, to be finished when served: CSV text (delimiters included)
    and link cells alternate, so that only the links, which hold site paths, are made
    absolute and quoted then (``finish_csv_segments``)."""
    segments, text = [], []
    for column, cell in zip(columns, csv_cells(columns, record), strict=True):
        if column.links:
            segments.append("".join(text))
            segments.append(cell)
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


def finish_csv_segments(segments: list[str], root: str) -> str:
    for index in range(1, len(segments), 2):
        segments[index] = csv_field(absolute_links(segments[index], root))
    return "".join(segments)
