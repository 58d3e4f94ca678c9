"""CSV cells drawn from JSON records: the column type, the citation columns every cited
list shares, and the neutralising that keeps a spreadsheet from running a cell as a formula.

Plain Python (no Django): both the stored person records (``releases.records``) and the
streamed exports (``web.exports``) use it, so the CSV of a list is derived from its JSON
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
