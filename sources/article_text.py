"""Article text in, exactly once: every way a new article arrives (pasted in the admin,
uploaded, ``manage.py ingest_article``) goes through ``normalise`` before it is stored,
hashed or compared, so one article cannot be stored twice because it came in two ways.

What changes, and why:

- Line ends become LF. Browsers submit a textarea with CRLF whatever was pasted, and files
  from Windows carry CRLF or, rarely, a bare CR; a line end is layout, not evidence. (The
  cite page also needs it: an HTML page shows every CR or CRLF as one LF, so offsets
  counted in the browser only match stored text that has no CR.)
- A byte-order mark at the very start is dropped: some editors write one into UTF-8 files,
  the text never shows it, and a paste of the same article has none.

What is refused, with a message saying why: a NUL character (no article contains one;
PostgreSQL cannot store it), and text over ``MAX_BYTES``.

Everything else is kept exactly as given, because it can be evidence or is needed to check
a quote against the original: curly and straight quotes, non-breaking spaces and hyphens,
zero-width characters, emoji, and accents whether precomposed ("é") or combining ("é").
In particular the text is not Unicode-normalised (NFC would merge the two forms of "é"
and change offsets and hashes of text that looks the same).
"""

from django.utils.translation import gettext

MAX_BYTES = 1_000_000
BOM = "\ufeff"


class UnacceptableText(ValueError):
    """The text cannot be stored as an article; the message says what and why."""


def check_size(size_in_bytes: int) -> None:
    if size_in_bytes > MAX_BYTES:
        too_big = gettext(
            "The article is %(size)s bytes; the limit is %(limit)s bytes (1 MB), because news "
            "articles are far smaller (the longest seed is under 10 kB); a bigger file is "
            "almost certainly not one article, and every page that shows the text would be slow."
        )
        raise UnacceptableText(too_big % {"size": f"{size_in_bytes:,}", "limit": f"{MAX_BYTES:,}"})


def decode(data: bytes) -> str:
    """Bytes of an uploaded file as text, refusing what is not UTF-8 or is too big."""
    check_size(len(data))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        not_utf8 = gettext("Not UTF-8 (byte %(byte)s is not valid); save the file as UTF-8.")
        raise UnacceptableText(not_utf8 % {"byte": exc.start}) from None


def normalise(text: str) -> str:
    """The text as it will be stored (see the module docstring)."""
    check_size(len(text.encode("utf-8", errors="surrogatepass")))
    nul = text.find("\x00")
    if nul != -1:
        line = text.count("\n", 0, nul) + 1
        column = nul - text.rfind("\n", 0, nul)
        nul_found = gettext(
            "The text contains a NUL character (line %(line)s, column %(column)s); an article "
            "never does, so the file is probably not plain text. Save it as UTF-8 text."
        )
        raise UnacceptableText(nul_found % {"line": line, "column": column})
    if text.startswith(BOM):
        text = text[len(BOM) :]
    return lf_line_ends(text)


def lf_line_ends(text: str) -> str:
    """Every CRLF or lone CR as one LF: also how a web page shows any text."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def positions_in(text: str) -> list[int]:
    """For each position in ``lf_line_ends(text)``, and its end, the position in ``text``:
    offsets counted in a browser turned into offsets in text stored with CRs (articles
    imported before line ends were normalised, or fixture files kept as given)."""
    origin, index = [], 0
    while index < len(text):
        origin.append(index)
        index += 2 if text.startswith("\r\n", index) else 1
    origin.append(len(text))
    return origin
