"""Every model of the record reaches the one refresh of derived data: a new model, or a
cited one left out of ``CITED_MODELS``, fails here rather than silently leaving pages,
exports and statuses stale."""

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save

from releases.models import (
    CITED_MODELS,
    CitationSuggestion,
    Cited,
    DataVersion,
    FacetCount,
    FacetPairCount,
    ImportRecord,
    PersonLink,
    PersonRecord,
    PersonRedirect,
)
from sources.models import Capture, Shingle

UID = "releases-derived"  # releases.receivers.connect

# Models whose writes need no refresh, and why.
NOT_THE_RECORD = {
    CitationSuggestion: "a proposal; accepting it writes facts, which refresh",
    ImportRecord: "the importer's bookkeeping of what it wrote",
    PersonLink: "derived: written by releases.derived",
    PersonRecord: "derived: written by releases.derived",
    DataVersion: "derived: written by releases.derived",
    FacetCount: "derived: written by releases.derived",
    FacetPairCount: "derived: written by releases.derived",
    PersonRedirect: "an old page address, written by a merge inside its own refresh",
    Shingle: "derived from article text by sources, for reprint detection",
    Capture: "a page as retrieved, never changed; the article that records it refreshes",
}


def _connected(signal, sender) -> bool:
    return any(key == (UID, id(sender)) for key, *_ in signal.receivers)


def _record_models():
    for app in ("sources", "releases"):
        for model in apps.get_app_config(app).get_models():
            if not model.__name__.startswith("Historical"):
                yield model


def test_every_model_of_the_record_refreshes_derived_data_when_written():
    missing = [
        model.__name__
        for model in _record_models()
        if model not in NOT_THE_RECORD
        and not (_connected(post_save, model) and _connected(post_delete, model))
    ]
    assert missing == []


def test_every_cited_model_is_listed_and_its_citations_refresh():
    cited = [model for model in _record_models() if issubclass(model, Cited)]
    assert set(cited) == set(CITED_MODELS)
    assert all(_connected(m2m_changed, model.citations.through) for model in cited)


def test_the_check_itself_finds_a_model_left_out():
    # Not a test that can't fail: a model connected to nothing is reported.
    assert not _connected(post_save, CitationSuggestion)
