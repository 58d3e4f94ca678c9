"""The interface in English and Spanish: addresses, negotiation, caching, the catalogue,
dates, and a walk over every public page in Spanish that fails on English left behind."""

import ast
import datetime
import gettext
import json
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core import checks
from django.db import models
from django.template import Context, Template
from django.urls import Resolver404, resolve, reverse
from django.utils import translation

from releases import derived
from releases.models import Citizenship, Country
from sources.dates import format_partial_date
from tests import builders

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "es" / "LC_MESSAGES"


@pytest.fixture
def world(db):
    made = builders.every_kind_of_record()
    made["more"] = builders.world(2, prefix="w")
    return made


# --- Addresses and negotiation ------------------------------------------------------------


def test_each_page_has_an_english_and_a_spanish_address(client, world):
    for prefix, lang, people in (("/en", "en", "People"), ("/es", "es", "Personas")):
        response = client.get(f"{prefix}/people/")
        assert response.status_code == 200
        assert response["Content-Language"] == lang
        page = response.content.decode()
        assert f'<html lang="{lang}">' in page
        assert f">{people}</a>" in page
        # Links stay in the page's language.
        assert f'href="{prefix}/facilities/"' in page


def test_reverse_gives_the_address_in_the_active_language(db):
    with translation.override("es"):
        assert reverse("releases:person_list") == "/es/people/"
    with translation.override("en"):
        assert reverse("sources:list") == "/en/sources/"


def test_unprefixed_addresses_answer_without_a_redirect_in_english_by_default(client, world):
    for url in ("/", "/people/", "/people/?format=csv", "/people/?format=json", "/about/"):
        response = client.get(url)
        assert response.status_code == 200, url
        assert response["Content-Language"] == "en", url
    assert '<html lang="en">' in client.get("/people/").content.decode()


def test_unprefixed_addresses_follow_accept_language_then_the_cookie(client, world):
    spanish = client.get("/people/", headers={"Accept-Language": "es-VE,es;q=0.9"})
    assert spanish.status_code == 200
    assert spanish["Content-Language"] == "es"
    assert ">Personas</a>" in spanish.content.decode()
    vary = {part.strip().lower() for part in spanish["Vary"].split(",")}
    assert {"accept-language", "cookie"} <= vary
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "es"
    assert client.get("/people/", headers={"Accept-Language": "en"})["Content-Language"] == "es"


def test_an_unknown_thing_at_an_unprefixed_address_is_a_404_not_a_redirect(client, world):
    assert client.get("/people/nobody-at-all/").status_code == 404
    assert client.get("/no-such-page/").status_code == 404
    spanish = client.get("/es/people/nobody-at-all/")
    assert spanish.status_code == 404
    assert "Error 404" in spanish.content.decode()
    assert "No hay nada en esta dirección" in spanish.content.decode()


def test_a_spanish_list_answers_htmx_and_exports_like_the_english_one(client, world):
    fragment = client.get("/es/facilities/", headers={"HX-Request": "true"})
    assert fragment.status_code == 200
    assert "<html" not in fragment.content.decode() and "Centro" in fragment.content.decode()
    english, spanish = (
        b"".join(client.get(f"/{lang}/people/?format=json&status=any")).decode()
        for lang in ("en", "es")
    )
    # The data is in one language; only its links lead to the pages in the reader's.
    assert "testserver/es/" in spanish and "testserver/en/" not in spanish
    assert json.loads(english)["results"] == json.loads(spanish.replace("/es/", "/en/"))["results"]
    assert client.get("/es").status_code in (301, 302)


def test_the_admin_stays_where_it_was(client, db):
    assert client.get("/admin/login/").status_code == 200
    assert client.get("/es/admin/login/").status_code == 404


def test_the_two_mounts_leave_every_url_name_unique(db):
    assert [m for m in checks.run_checks(tags=["urls"]) if m.id == "urls.W005"] == []


# --- The switcher -------------------------------------------------------------------------


def test_the_switcher_links_the_same_page_in_the_other_language_with_its_query(client, world):
    page = client.get("/es/people/?status=any&q=w").content.decode()
    # The query as the page takes it (web.caching), in the order of its form.
    assert '<a href="/en/people/?q=w&amp;status=any" hreflang="en" lang="en">English</a>' in page
    assert '<span lang="es" aria-current="true">Español</span>' in page
    # From an unprefixed page too: the other language's address names it.
    page = client.get("/facilities/el-helicoide/").content.decode()
    assert 'href="/es/facilities/el-helicoide/" hreflang="es" lang="es"' in page
    assert '<link rel="alternate" hreflang="es" href="/es/facilities/el-helicoide/">' in page


def test_the_switcher_on_a_404_leads_home_in_the_other_language(client, db):
    page = client.get("/en/no-such-page/").content.decode()
    assert 'href="/es/" hreflang="es" lang="es"' in page


# --- Caching ------------------------------------------------------------------------------


def test_the_page_cache_never_serves_one_language_for_the_other(client, world):
    english = client.get("/en/facilities/").content.decode()
    spanish = client.get("/es/facilities/").content.decode()
    assert "Facilities" in english and "Centros de detención" in spanish
    # The unprefixed page, cached in English, is not what a Spanish browser gets...
    assert "<h1>Facilities</h1>" in client.get("/facilities/").content.decode()
    negotiated = client.get("/facilities/", headers={"Accept-Language": "es"})
    assert "<h1>Centros de detención</h1>" in negotiated.content.decode()
    assert negotiated["Content-Language"] == "es"
    # ... and the Spanish copy is not served back to an English one.
    again = client.get("/facilities/", headers={"Accept-Language": "en"})
    assert "<h1>Facilities</h1>" in again.content.decode()
    assert again["Content-Language"] == "en"
    derived.bump_data_version()
    assert "<h1>Facilities</h1>" in client.get("/facilities/").content.decode()


# --- Dates --------------------------------------------------------------------------------


def test_dates_are_written_in_the_language_of_the_page():
    day, month = datetime.date(2026, 1, 9), datetime.date(2026, 1, 1)
    with translation.override("en"):
        assert format_partial_date(day, "day") == "9 January 2026"
        assert format_partial_date(month, "month") == "January 2026"
        assert format_partial_date(None, "unknown") == "date unknown"
    with translation.override("es"):
        assert format_partial_date(day, "day") == "9 de enero de 2026"
        assert format_partial_date(month, "month") == "enero de 2026"
        assert format_partial_date(month, "year") == "2026"
        assert format_partial_date(None, "unknown") == "fecha desconocida"


def test_a_spanish_page_shows_spanish_months(client, world):
    page = client.get("/es/events/").content.decode()
    assert "8 de enero de 2026" in page and "January" not in page


def test_country_names_follow_the_page_language_and_exports_keep_the_record(client, db):
    spain = Country.objects.create(code="ES", name="Spain")
    source = builders.article("Ana Pérez is Spanish.")
    ana = builders.person("Ana Pérez", slug="ana")
    builders.cite(
        Citizenship.objects.create(person=ana, country=spain),
        builders.passage(source, "Ana Pérez is Spanish"),
    )
    spanish = client.get("/es/nationalities/").content.decode()
    english = client.get("/en/nationalities/").content.decode()
    assert ">España</a>" in spanish and ">Spain<" not in spanish
    assert ">Spain</a>" in english
    assert ">España</a>" in client.get("/es/people/ana/").content.decode()
    response = client.get("/es/nationalities/?format=json")
    exported = json.loads(b"".join(response.streaming_content))
    assert [row["name"] for row in exported["results"]] == ["Spain"]


# --- The catalogue ------------------------------------------------------------------------


@dataclass
class Entry:
    msgid: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr: dict[int, str] = field(default_factory=dict)
    flags: set[str] = field(default_factory=set)


_KEYWORD = re.compile(r'^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(".*")\s*$')


def read_po(text: str) -> list[Entry]:
    """The entries of a .po file (obsolete ``#~`` ones left out), header first."""
    entries: list[Entry] = []
    entry, last, flags = None, None, set()
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#~"):
            continue
        if line.startswith("#,"):
            flags |= {flag.strip() for flag in line[2:].split(",")}
            continue
        if line.startswith("#"):
            continue
        if line.startswith('"'):
            # A .po string is a C string literal; Python reads the escapes gettext writes.
            value = ast.literal_eval(line)
            if last in ("msgctxt", "msgid", "msgid_plural"):
                setattr(entry, last, getattr(entry, last) + value)
            else:
                entry.msgstr[last] += value
            continue
        match = _KEYWORD.match(line)
        assert match, f"unreadable .po line: {raw!r}"
        keyword, value = match[1], ast.literal_eval(match[2])
        starts = keyword == "msgctxt" or (keyword == "msgid" and last not in ("msgctxt",))
        if starts:
            entry = Entry(flags=flags)
            entries.append(entry)
            flags = set()
        if keyword.startswith("msgstr"):
            last = int(keyword[7:-1]) if "[" in keyword else 0
            entry.msgstr[last] = value
        else:
            setattr(entry, keyword, value)
            last = keyword
    return entries


def catalogue() -> list[Entry]:
    return read_po((CATALOGUE / "django.po").read_text(encoding="utf-8"))[1:]


def test_the_po_reader_reads_plurals_contexts_and_continued_lines():
    text = (
        'msgid ""\nmsgstr ""\n"Plural-Forms: nplurals=3;\\n"\n\n'
        '#, python-format\nmsgid "%(n)s claim"\nmsgid_plural "%(n)s claims"\n'
        'msgstr[0] "%(n)s cifra"\nmsgstr[1] "%(n)s cifras"\nmsgstr[2] "%(n)s cifras"\n\n'
        'msgctxt "navigation"\nmsgid "Main"\nmsgstr ""\n"Princi"\n"pal \\"x\\""\n'
    )
    header, plural, main = read_po(text)
    assert header.msgstr[0] == "Plural-Forms: nplurals=3;\n"
    assert plural.msgid_plural == "%(n)s claims" and plural.msgstr[2] == "%(n)s cifras"
    assert "python-format" in plural.flags
    assert (main.msgctxt, main.msgid, main.msgstr[0]) == ("navigation", "Main", 'Principal "x"')


def test_every_message_is_translated_and_none_is_fuzzy():
    entries = catalogue()
    assert len(entries) > 100
    assert [e.msgid for e in entries if "fuzzy" in e.flags] == []
    assert [e.msgid for e in entries if not all(e.msgstr.values())] == []
    for entry in entries:
        if entry.msgid_plural:
            assert sorted(entry.msgstr) == [0, 1, 2], entry.msgid


def test_the_committed_mo_says_exactly_what_the_po_says():
    with open(CATALOGUE / "django.mo", "rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    for entry in catalogue():
        if entry.msgid_plural:
            for n, form in ((1, 0), (2, 2), (1_000_000, 1)):
                got = (
                    mo.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
                    if entry.msgctxt
                    else mo.ngettext(entry.msgid, entry.msgid_plural, n)
                )
                assert got == entry.msgstr[form], (entry.msgid, n)
        else:
            got = (
                mo.pgettext(entry.msgctxt, entry.msgid)
                if entry.msgctxt
                else mo.gettext(entry.msgid)
            )
            assert got == entry.msgstr[0], entry.msgid
    # And nothing more: a message dropped from the .po is dropped from the .mo.
    assert len(mo._catalog) - 1 == sum(  # less the header
        1 + bool(e.msgid_plural) * 2 for e in catalogue()
    )


# --- No English left on a Spanish page ----------------------------------------------------

# Words of the interface in English. A Spanish page may show them only inside data (names,
# quotes, titles, which are shown as written) or in the code samples of the about page.
_ENGLISH = """
    about above added after against all also and announced another any are article articles
    as at back below between both browse but by can cannot case changed cite cited citation
    citations city claim claimant claimed claims clear close code column confirmed context
    copy count counted counts country current date dates day description detained detention
    detentions died does download each either error estimated event events every exactly
    fact facts facilities facility figure figures filter filters find first for found freed
    from given gives has have held here how implied independent kind known last latest less
    list listed load loading many match matches month more most name named names nationality
    nationalities next none not now number numbers of on one only or order origin origins
    other outlet outlets page pages passage passages people per person place previous print
    published quote quotes read relative release released releases report reported reports
    result results role say says search see show showing shown since sort source sources
    spreadsheet start stated status still such that the their them there these they this
    those through timeline title to unknown until verification was were what when where
    which who whole why with without words year
"""
ENGLISH_WORDS = set(_ENGLISH.split())
# Words spelled the same in Spanish, or codes: never evidence of English.
SHARED_WORDS = {"error", "no", "a", "de", "son", "con", "me", "json", "csv", "html", "id"}
_SKIPPED_TAGS = {"script", "style", "code", "q", "blockquote", "pre", "time", "data", "mark"}
# Containers of data shown as written (an article's text): mark them class="data", or give
# them the lang of the data.
_DATA_CLASSES = {"data", "article-text"}
_ATTRIBUTES = ("title", "aria-label", "alt", "placeholder", "aria-description")


class _Text(HTMLParser):
    """The interface's text of a page: text nodes and the labels in attributes, outside
    quotes, code, and elements marked as another language (the switcher's "English")."""

    def __init__(self, language: str):
        super().__init__(convert_charrefs=True)
        self.language, self.stack, self.texts = language, [], []

    def _skipping(self) -> bool:
        return any(skip for _tag, skip in self.stack)

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        other = attributes.get("lang") not in (None, self.language)
        other = other or bool(_DATA_CLASSES & set((attributes.get("class") or "").split()))
        if not self._skipping() and not other:
            self.texts += [attributes[name] for name in _ATTRIBUTES if attributes.get(name)]
            if tag == "input" and attributes.get("type") in ("submit", "button"):
                self.texts.append(attributes.get("value") or "")
        if tag not in ("input", "br", "img", "meta", "link", "hr", "source", "wbr"):
            self.stack.append((tag, other or tag in _SKIPPED_TAGS))

    def handle_endtag(self, tag):
        while self.stack:
            if self.stack.pop()[0] == tag:
                break

    def handle_data(self, data):
        if not self._skipping() and data.strip():
            self.texts.append(data)


def interface_text(html: str, language: str = "es") -> list[str]:
    parser = _Text(language)
    parser.feed(html)
    return parser.texts


def data_strings() -> list[str]:
    """Every text the database holds for the public pages (names, titles, quotes,
    articles), longest first: what a page shows as written, in whatever language."""
    found = set()
    for label in ("releases", "sources"):
        for model in apps.get_app_config(label).get_models():
            fields = [
                f.attname
                for f in model._meta.concrete_fields
                if isinstance(f, models.CharField | models.TextField) and not f.choices
            ]
            if not fields:
                continue
            for row in model.objects.values_list(*fields):
                found.update(value for value in row if isinstance(value, str) and value)
    found.update(line.strip() for text in list(found) for line in text.splitlines())
    return sorted((s for s in found if len(s) > 1), key=len, reverse=True)


def english_left(html: str, data: list[str], words: set[str] = ENGLISH_WORDS) -> list[str]:
    """The English phrases on a Spanish page: any catalogue msgid of four words or more
    shown as it is, and any text (less the data it contains) with an English word."""
    texts = interface_text(html)
    problems = []
    page = " ".join(" ".join(t.split()) for t in texts)
    for entry in catalogue():
        plain = " ".join(re.sub(r"<[^>]+>|%\(\w+\)s", " ", entry.msgid).split())
        if len(plain.split()) >= 4 and plain in page and plain != entry.msgstr.get(0):
            problems.append(f"untranslated: {plain!r}")
    for text in texts:
        rest = " ".join(text.split())
        shown = rest.strip(" …:·—")
        if len(shown.split()) >= 3 and any(shown in value for value in data):
            continue  # data cut short (an untitled article's opening words)
        for value in data:
            if value in rest:
                # Whole words only: the data "ES" must not eat the "es" of "Personas".
                rest = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", " ", rest)
        # Letters only, accented ones included: "allí" is not "all".
        found = {w.lower() for w in re.findall(r"[^\W\d_]+", rest)}
        english = sorted(found & words - SHARED_WORDS)
        if english:
            problems.append(f"{' '.join(text.split())!r} has English {english}")
    return problems


def test_the_english_detector_finds_an_unwrapped_string_and_spares_data(db):
    made = builders.world(1)
    data = data_strings()
    name = made["people"][0].name
    html = Template(
        '<html lang="es"><p>{{ name }} — <q>freed several</q></p>'
        '<a lang="en" href="/en/">English</a><code>?format=json</code>'
        '<p title="Personas">Personas</p><div class="data">from the wire</div>'
        "{{ extra|safe }}</html>"
    )
    clean = html.render(Context({"name": name, "extra": ""}))
    assert english_left(clean, data) == []
    leftover = html.render(Context({"name": name, "extra": "<p>Show the filters</p>"}))
    expected = "'Show the filters' has English ['filters', 'show', 'the']"
    assert english_left(leftover, data) == [expected]
    label = html.render(Context({"name": name, "extra": '<nav aria-label="Pages"></nav>'}))
    assert english_left(label, data) != []


def _public_pages(made) -> list[str]:
    person = made["people"][0]
    pages = [
        "/es/",
        "/es/people/",
        "/es/people/?status=any",
        person.get_absolute_url(),
        "/es/facilities/",
        made["facility"].get_absolute_url(),
        "/es/nationalities/",
        made["country"].get_absolute_url(),
        "/es/events/",
        made["event"].get_absolute_url(),
        "/es/numbers/",
        "/es/sources/",
        made["article"].get_absolute_url(),
        "/es/about/",
        "/es/data/",
        "/es/api/",
        "/es/changes/",
    ]
    try:
        resolve("/es/facts/")
        pages.append("/es/facts/")
    except Resolver404:
        pass  # the facts list is not built yet
    return pages


def test_every_public_page_in_spanish_has_no_english_interface_string(client, world, subtests):
    with translation.override("es"):
        pages = _public_pages(world)
    data = data_strings()
    for url in [*pages, "/es/no-such-page/"]:
        with subtests.test(url):
            assert url.startswith("/es/")
            response = client.get(url)
            assert response.status_code == (404 if "no-such" in url else 200)
            problems = english_left(response.content.decode(), data)
            assert problems == [], "\n".join(problems)
