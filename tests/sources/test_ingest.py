import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from curation.ingest import DuplicateArticle, ingest_article, near_duplicates_of
from sources.models import SourceArticle

WIRE = (
    "Venezuela on Thursday began releasing a large number of political prisoners, including "
    "several foreigners, in an apparent concession to the United States. The releases were "
    "announced by parliament speaker Jorge Rodriguez. He did not say which prisoners would be "
    "released, nor how many or from where."
)


def test_an_article_is_stored_verbatim_with_its_hash(db):
    result = ingest_article(text=WIRE + "\n\u00a0 ", title="Wire copy", outlet="AFP")
    stored = SourceArticle.objects.get(pk=result.article.pk)
    assert stored.text == WIRE + "\n\u00a0 "
    assert stored.slug == "wire-copy" and result.near_duplicates == []


def test_the_same_text_twice_is_refused_naming_the_existing_article(db):
    first = ingest_article(text=WIRE, title="First").article
    with pytest.raises(DuplicateArticle) as refusal:
        ingest_article(text=WIRE, title="Second")
    assert refusal.value.existing == first
    assert SourceArticle.objects.count() == 1


def test_a_reprint_of_the_same_wire_story_is_flagged_and_linked_as_one_origin(db):
    first = ingest_article(text=WIRE, title="First").article
    reprint = WIRE.replace("Jorge Rodriguez", "Jorge Rodríguez") + " (AFP) Share this story."
    result = ingest_article(text=reprint, title="Reprint")
    assert [article for article, _score in result.near_duplicates] == [first]
    first.refresh_from_db()
    assert first.story_origin and first.story_origin == result.article.story_origin


def test_a_different_story_on_the_same_event_is_not_a_duplicate(db):
    ingest_article(text=WIRE, title="First")
    other = ingest_article(
        text="Spain's foreign ministry said five Spanish citizens were among those freed in "
        "Caracas, including the activist Rocío San Miguel.",
        title="Spain",
    )
    assert other.near_duplicates == [] and other.article.story_origin == ""


def test_the_command_line_ingests_a_file_and_refuses_a_duplicate(db, tmp_path):
    path = tmp_path / "story.txt"
    path.write_text(WIRE, encoding="utf-8")
    out = io.StringIO()
    call_command(
        "ingest_article", str(path), "--title", "Story", "--published", "2026-01-09", stdout=out
    )
    article = SourceArticle.objects.get()
    assert (article.published_on.isoformat(), article.published_precision) == ("2026-01-09", "day")
    assert article.filename == "story.txt"
    with pytest.raises(CommandError, match="already stored"):
        call_command("ingest_article", str(path), "--title", "Again")


@pytest.mark.parametrize(
    ("content", "args", "message"),
    [
        ("ok".encode("latin-1") + b"\xe9", [], "Not UTF-8"),
        (b"Some text", ["--published", "2026-02-30"], "impossible date"),
        (b"Some text", ["--url", "not a url"], "url"),
    ],
)
def test_the_command_line_explains_bad_input(db, tmp_path, content, args, message):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(CommandError, match=message):
        call_command("ingest_article", str(path), *args)
    assert not SourceArticle.objects.exists()


def _ingest_form(**fields) -> dict:
    return {
        "title": "",
        "outlet": "",
        "url": "",
        "published": "",
        "published_text": "",
        "language": "en",
        "wire_agency": "",
        "text": "",
        **fields,
    }


def test_pasted_crlf_text_is_stored_with_lf_and_the_same_file_uploaded_is_a_duplicate(
    admin_client,
):
    pasted = "Headline\r\n\r\nVenezuela freed Ana Pérez on Thursday.\r\n"
    url = reverse("admin:sources_sourcearticle_add")
    admin_client.post(url, _ingest_form(text=pasted, title="Pasted"))
    stored = SourceArticle.objects.get()
    assert stored.text == "Headline\n\nVenezuela freed Ana Pérez on Thursday.\n"
    upload = SimpleUploadedFile("same.txt", b"\xef\xbb\xbf" + pasted.replace("\r\n", "\n").encode())
    response = admin_client.post(url, _ingest_form(upload=upload, title="Uploaded"))
    assert "This exact text is already stored" in response.content.decode()
    assert SourceArticle.objects.count() == 1


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"Venezuela freed\x00 Ana", "NUL character (line 1, column 16)"),
        (b"caf\xe9", "Not UTF-8 (byte 3 is not valid)"),
        (b"x" * (20 * 1024 * 1024), "the limit is 1,000,000 bytes"),
    ],
)
def test_an_unfit_upload_is_refused_with_a_message_not_a_server_error(
    admin_client, content, message
):
    upload = SimpleUploadedFile("story.txt", content)
    response = admin_client.post(
        reverse("admin:sources_sourcearticle_add"), _ingest_form(upload=upload)
    )
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not SourceArticle.objects.exists()


def test_a_pasted_nul_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        reverse("admin:sources_sourcearticle_add"), _ingest_form(text="one\r\ntwo\x00")
    )
    assert "Null characters are not allowed" in response.content.decode()
    assert not SourceArticle.objects.exists()


@pytest.mark.parametrize("length", [200, 201, 255])
def test_a_long_upload_file_name_is_shortened_keeping_its_end(admin_client, length):
    name = "n" * (length - 5) + "x.txt"
    upload = SimpleUploadedFile(name, WIRE.encode())
    admin_client.post(reverse("admin:sources_sourcearticle_add"), _ingest_form(upload=upload))
    stored = SourceArticle.objects.get().filename
    assert len(stored) <= 200 and stored.endswith("x.txt")
    assert (stored == name) == (length == 200)


def test_the_command_line_refuses_a_big_file_before_reading_it(db, tmp_path):
    path = tmp_path / "big.txt"
    path.write_bytes(b"word " * 400_000)
    with pytest.raises(CommandError, match=r"2,000,000 bytes; the limit is 1,000,000"):
        call_command("ingest_article", str(path))
    assert not SourceArticle.objects.exists()


def test_the_command_line_stores_the_same_normalised_text_as_a_paste(db, tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes("\ufeffLine one\r\nLine two \u2013 “quoted” 🙏🏽\r\n".encode())
    call_command("ingest_article", str(path), stdout=io.StringIO())
    assert SourceArticle.objects.get().text == "Line one\nLine two \u2013 “quoted” 🙏🏽\n"
    with pytest.raises(DuplicateArticle):
        ingest_article(text="Line one\r\nLine two \u2013 “quoted” 🙏🏽\r\n")


def test_finding_near_duplicates_reads_no_stored_article_but_the_matches(db):
    for number in range(30):
        ingest_article(text=f"Unrelated story number {number} about the weather in town {number}.")
    first = ingest_article(text=WIRE, title="First").article
    reprint = WIRE + " Share this story."
    with CaptureQueriesContext(connection) as queries:
        near = near_duplicates_of(reprint)
    assert [article for article, _score in near] == [first]
    article_reads = [q["sql"] for q in queries if 'FROM "sources_sourcearticle"' in q["sql"]]
    assert len(article_reads) == 1 and str(first.pk) in article_reads[0]


def test_boilerplate_marked_in_the_admin_leaves_search_text_and_shingles(admin_client):
    article = ingest_article(text=WIRE + "\nShare this story on every network you use.").article
    chrome = article.text.index("Share this")
    url = reverse("admin:sources_sourcearticle_change", args=[article.pk])
    data = {
        "slug": article.slug,
        "title": "",
        "outlet": "",
        "url": "",
        "language": "en",
        "published_on": "",
        "published_precision": "unknown",
        "published_text": "",
        "published_note": "",
        "wire_agency": "",
        "story_origin": "",
        "boilerplate_spans-TOTAL_FORMS": "1",
        "boilerplate_spans-INITIAL_FORMS": "0",
        "boilerplate_spans-0-start": str(chrome),
        "boilerplate_spans-0-end": str(len(article.text)),
        "boilerplate_spans-0-kind": "chrome",
        "boilerplate_spans-0-note": "",
    }
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    article.refresh_from_db()
    assert "share this" not in article.search_text
    reprint = WIRE + " Share this story on every network you use."
    assert [a for a, _ in near_duplicates_of(reprint)] == [article]
    assert near_duplicates_of("Share this story on every network you use. Nothing else.") == []


def test_a_pasted_text_over_the_limit_is_refused_with_a_message(admin_client):
    response = admin_client.post(
        reverse("admin:sources_sourcearticle_add"), _ingest_form(text="word " * 240_000)
    )
    assert "1,200,000 bytes; the limit is 1,000,000 bytes" in response.content.decode()
    assert not SourceArticle.objects.exists()
