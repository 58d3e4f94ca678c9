"""The seed articles and the curated fixture, imported for real."""

import hashlib
import io

import pytest
from django.conf import settings
from django.core.management import call_command

from releases.models import FACT_MODELS, CountClaim, Facility, Person, ReleaseEvent, Role, Status
from sources.models import Passage, SourceArticle

SEEDS = settings.BASE_DIR.parent / "shared" / "seeds"
ARTICLE_FILES = sorted((settings.BASE_DIR / "fixtures" / "articles").glob("*.txt"))


def _import(*args) -> str:
    out = io.StringIO()
    call_command("import_fixtures", *args, stdout=out, stderr=out)
    return out.getvalue()


def _dump() -> str:
    out = io.StringIO()
    call_command("dumpdata", "sources", "releases", stdout=out)
    return out.getvalue()


def test_fixture_articles_are_byte_for_byte_the_seeds():
    assert len(ARTICLE_FILES) == 5
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not beside this checkout")
    for path in ARTICLE_FILES:
        assert path.read_bytes() == (SEEDS / path.name).read_bytes(), path.name


def test_stored_articles_are_verbatim_with_their_sha256(seeded):
    for path in ARTICLE_FILES:
        digest = hashlib.sha256(path.read_bytes()).hexdigest()
        article = SourceArticle.objects.get(sha256=digest)
        assert article.text.encode("utf-8") == path.read_bytes()
        assert article.filename == path.name


def test_every_passage_is_its_article_text_at_its_offsets(seeded):
    passages = Passage.objects.select_related("article")
    assert passages.exists()
    for passage in passages:
        assert passage.article.text[passage.start : passage.end] == passage.quote


def test_no_passage_is_anchored_in_boilerplate(seeded):
    for passage in Passage.objects.select_related("article"):
        for span in passage.article.boilerplate_spans.all():
            assert not (passage.start < span.end and span.start < passage.end), passage


def test_every_fact_cites_at_least_one_passage(seeded):
    for model in FACT_MODELS:
        assert not model.objects.filter(citations=None).exists(), model.__name__
    assert not Facility.objects.filter(citations=None).exists()
    assert not ReleaseEvent.objects.filter(citations=None).exists()


def test_a_quote_in_the_repeated_block_resolves_to_its_first_printing(seeded):
    article = SourceArticle.objects.get(filename__startswith="002_")
    un = CountClaim.objects.get(claimed_by="the UN").citations.get()
    first = article.text.index("The UN reports")
    assert un.start == first
    assert article.text.count("The UN reports") == 2


def test_the_el_rodeo_caption_is_cited_where_first_printed(seeded):
    el_rodeo = Facility.objects.get(slug="el-rodeo")
    caption = el_rodeo.citations.get()
    line = caption.article.text.count("\n", 0, caption.start) + 1
    assert line == 10  # line 11 repeats the caption and is boilerplate


def test_the_freed_named_people_are_those_the_articles_name(seeded):
    freed = set(Person.objects.filter(status=Status.RELEASED).values_list("slug", flat=True))
    assert freed == {"enrique-marquez", "rocio-san-miguel"}


def test_politicians_and_spokespeople_are_never_detainees(seeded):
    officials = ["jorge-rodriguez", "delcy-rodriguez", "donald-trump", "anna-kelly"]
    for slug in officials:
        person = Person.objects.get(slug=slug)
        assert person.status == Status.UNKNOWN
        assert not person.releases.exists() and not person.detentions.exists()
        assert person.roles.exclude(kind=Role.RoleKind.DESCRIPTION).exists()


def test_rocio_san_miguel_is_a_dual_national_freed_on_spains_word(seeded):
    rocio = Person.objects.get(slug="rocio-san-miguel")
    assert set(rocio.citizenships.values_list("country__code", flat=True)) == {"ES", "VE"}
    release = rocio.releases.get()
    assert release.attributed_to == "Spain's foreign ministry"
    assert release.date_precision == "month"
    assert {p.article.filename[:3] for p in release.citations.all()} == {"001", "003", "004"}
    assert "rocio" in rocio.search_name


def test_rocio_san_miguels_one_detention_is_one_fact_with_its_date_and_place(seeded):
    # The sources describe one detention: since February 2024, in El Helicoide. Two facts
    # (one undated) showed it as two rows of her status history.
    detention = Person.objects.get(slug="rocio-san-miguel").detentions.get()
    assert (detention.since.isoformat(), detention.since_precision) == ("2024-02-01", "month")
    assert detention.facility.slug == "el-helicoide"


def test_alfredo_diaz_died_in_custody_after_being_held_at_el_helicoide(seeded):
    diaz = Person.objects.get(slug="alfredo-diaz")
    assert diaz.status == Status.DIED_IN_CUSTODY
    assert diaz.detentions.get().facility.slug == "el-helicoide"
    death = diaz.status_changes.get()
    assert (death.date.isoformat(), death.date_precision) == ("2025-12-01", "month")


def test_counts_from_different_claimants_stay_separate(seeded):
    spanish = CountClaim.objects.filter(country__code="ES")
    assert {(c.claimed_by, c.qualifier, c.value) for c in spanish} == {
        ("Spain's foreign ministry", "exact", 5),
        ("Spain", "unspecified", None),
        ("not attributed (the article's own reporting)", "at_least", 5),
    }
    un = CountClaim.objects.get(claimed_by="the UN")
    assert (un.value, un.qualifier, un.value_text) == (50, "approximate", "about 50")


def test_unknown_dates_stay_unknown(seeded):
    undated = SourceArticle.objects.filter(published_on__isnull=True)
    assert {a.filename[:3] for a in undated} == {"001", "002", "003"}
    three_weeks = SourceArticle.objects.get(filename__startswith="001_")
    assert three_weeks.published_text == "3wks ago"
    rthk = SourceArticle.objects.get(outlet="RTHK")
    assert rthk.published_on.isoformat() == "2026-01-09"
    assert rthk.wire_agency == "AFP"
    assert SourceArticle.objects.exclude(outlet="").count() == 1


def test_the_two_copies_of_the_wire_story_share_one_origin(seeded):
    origins = {a.origin_key for a in SourceArticle.objects.all()}
    assert len(origins) == 4


def test_import_twice_changes_nothing(seeded):
    before = _dump()
    output = _import()
    assert _dump() == before
    assert "Nothing to do" in output
    assert "passages created: 0" in output


def test_dry_run_reports_but_writes_nothing(db):
    output = _import("--dry-run")
    assert "Dry run" in output
    assert not SourceArticle.objects.exists()
