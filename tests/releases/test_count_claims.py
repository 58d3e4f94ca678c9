import datetime

import pytest
from django.db import IntegrityError, transaction
from django.urls import reverse

from releases.models import CountClaim
from tests import builders
from tests.releases.test_import_fixtures_errors import VALID, run_import, write_fixture

PRIVATE = "PRIVATE-curator-note-7f3a"
PUBLIC = "PUBLIC-note-for-readers-91c2"


@pytest.fixture
def world(db):
    return builders.world(2)


@pytest.fixture
def noted_count(world):
    count = CountClaim.objects.get()
    count.note, count.curator_note = PUBLIC, PRIVATE
    count.as_of, count.as_of_precision = datetime.date(2025, 12, 29), "day"
    count.as_of_text = "as of 29 December"
    count.save()
    return count


# Every public page that shows counts, in every format it offers (details have no CSV).
PUBLIC_PAGES = [
    *(
        (url, fmt)
        for url in ("/", "/events/", "/nationalities/")
        for fmt in ("html", "json", "csv")
    ),
    *(
        (url, fmt)
        for url in ("/events/thursday/", "/nationalities/es/")
        for fmt in ("html", "json")
    ),
]


@pytest.mark.parametrize(("url", "fmt"), PUBLIC_PAGES)
def test_the_private_curator_note_never_leaves_the_admin(client, noted_count, url, fmt):
    response = client.get(url, {} if fmt == "html" else {"format": fmt})
    assert response.status_code == 200
    body = b"".join(response) if response.streaming else response.content
    assert PRIVATE.encode() not in body


def test_the_public_note_is_public(client, noted_count):
    assert PUBLIC in client.get("/events/thursday/").content.decode()
    assert PUBLIC in client.get("/events/thursday/", {"format": "json"}).content.decode()


def test_an_as_of_date_needs_a_precision_and_an_unknown_one_no_date(world):
    count = CountClaim.objects.get()
    count.as_of, count.as_of_precision = datetime.date(2025, 12, 1), "unknown"
    with pytest.raises(IntegrityError), transaction.atomic():
        count.save()
    count.as_of_precision = "month"
    count.save()
    assert count.as_of_display == "December 2025"


def test_a_curator_sets_metric_as_of_and_private_note_in_the_admin(admin_client, world):
    count = CountClaim.objects.get()
    url = reverse("admin:releases_countclaim_change", args=[count.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and k != "citations"}
    data["citations"] = [p.pk for p in count.citations.all()]
    data.update(
        metric="still_held",
        as_of="2025-12-29",
        as_of_precision="day",
        as_of_text="as of 29 December",
        curator_note=PRIVATE,
        country=count.country_id,
        event=count.event_id,
    )
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    count.refresh_from_db()
    assert (count.metric, count.as_of_display, count.curator_note) == (
        "still_held",
        "29 December 2025",
        PRIVATE,
    )


def test_the_importer_reads_the_as_of_date_and_the_private_note(db, tmp_path):
    counts = (
        "counts:\n"
        "  - id: count-freed\n"
        "    subject: political prisoners\n"
        "    metric: released\n"
        "    qualifier: unspecified\n"
        "    value_text: some\n"
        "    claimed_by: Venezuela\n"
        "    as_of: 2025-12\n"
        "    as_of_text: in December\n"
        "    curator_note: ask the outlet\n"
        "    cite:\n"
        "      - {article: a1, quote: 'Venezuela on Thursday   freed Ana Pérez'}\n"
    )
    run_import(write_fixture(tmp_path, VALID + counts))
    count = CountClaim.objects.get()
    assert (count.as_of_display, count.as_of_text, count.curator_note) == (
        "December 2025",
        "in December",
        "ask the outlet",
    )
