"""The curators' workbench in Django's admin, registered once for both apps' models: the
evidence (``articles``), the record (``records``) and the review of citation suggestions
(``review``)."""

from curation.admin import articles, records, review

__all__ = ["articles", "records", "review"]
