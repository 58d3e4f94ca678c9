"""The database's own guard of the evidence, on SQLite and PostgreSQL alike:

- a passage is refused unless its quote is its article's text at its offsets (insert, or an
  update of the article, the offsets or the quote);
- an article's text is refused any change once stored.

Both fail as an IntegrityError whatever wrote the row: the app, the admin, a script or a
hand-typed SQL statement. Installed by a migration; ``lifted()`` lets a test step past
them, inside its own transaction, to prove that ``check_integrity`` still catches what
only a direct database edit could do.
"""

import contextlib

from django.db import connection

# Both databases report these words (tests look for them).
PASSAGE_MISMATCH = "passage quote is not its article"
TEXT_CHANGED = "text never changes once stored"

# Reversed or empty offsets are left to the CHECK constraints (which run after a BEFORE
# trigger), so each mistake is refused with its own name.
_SQLITE_PASSAGE_CHECK = """
    NEW."end" > NEW.start AND NEW.quote IS NOT (
        SELECT substr(a.text, NEW.start + 1, NEW."end" - NEW.start)
        FROM sources_sourcearticle a WHERE a.id = NEW.article_id
    )
"""

SQLITE_INSTALL = [
    """CREATE TRIGGER passage_quote_matches_insert BEFORE INSERT ON sources_passage
    WHEN """
    + _SQLITE_PASSAGE_CHECK
    + """BEGIN SELECT RAISE(ABORT, 'passage quote is not its article''s text at these offsets');
    END""",
    """CREATE TRIGGER passage_quote_matches_update
    BEFORE UPDATE OF article_id, start, "end", quote ON sources_passage
    WHEN """
    + _SQLITE_PASSAGE_CHECK
    + """BEGIN SELECT RAISE(ABORT, 'passage quote is not its article''s text at these offsets');
    END""",
    """CREATE TRIGGER article_text_unchanged BEFORE UPDATE OF text ON sources_sourcearticle
    WHEN NEW.text IS NOT OLD.text
    BEGIN SELECT RAISE(ABORT, 'an article''s text never changes once stored'); END""",
]
SQLITE_UNINSTALL = [
    "DROP TRIGGER IF EXISTS passage_quote_matches_insert",
    "DROP TRIGGER IF EXISTS passage_quote_matches_update",
    "DROP TRIGGER IF EXISTS article_text_unchanged",
]

POSTGRESQL_INSTALL = [
    """CREATE OR REPLACE FUNCTION sources_passage_quote_matches() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW."end" > NEW.start AND NEW.quote IS DISTINCT FROM (
            SELECT substr(a.text, NEW.start + 1, NEW."end" - NEW.start)
            FROM sources_sourcearticle a WHERE a.id = NEW.article_id
        ) THEN
            RAISE EXCEPTION 'passage quote is not its article''s text at these offsets'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER passage_quote_matches
    BEFORE INSERT OR UPDATE OF article_id, start, "end", quote ON sources_passage
    FOR EACH ROW EXECUTE FUNCTION sources_passage_quote_matches()""",
    """CREATE OR REPLACE FUNCTION sources_article_text_unchanged() RETURNS trigger
    LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.text IS DISTINCT FROM OLD.text THEN
            RAISE EXCEPTION 'an article''s text never changes once stored'
                USING ERRCODE = 'check_violation';
        END IF;
        RETURN NEW;
    END $$""",
    """CREATE TRIGGER article_text_unchanged BEFORE UPDATE OF text ON sources_sourcearticle
    FOR EACH ROW EXECUTE FUNCTION sources_article_text_unchanged()""",
]
POSTGRESQL_UNINSTALL = [
    "DROP TRIGGER IF EXISTS passage_quote_matches ON sources_passage",
    "DROP TRIGGER IF EXISTS article_text_unchanged ON sources_sourcearticle",
    "DROP FUNCTION IF EXISTS sources_passage_quote_matches()",
    "DROP FUNCTION IF EXISTS sources_article_text_unchanged()",
]

_STATEMENTS = {
    "sqlite": (SQLITE_INSTALL, SQLITE_UNINSTALL),
    "postgresql": (POSTGRESQL_INSTALL, POSTGRESQL_UNINSTALL),
}


def _execute(statements: dict, which: int, schema_editor) -> None:
    for statement in statements[schema_editor.connection.vendor][which]:
        schema_editor.execute(statement)


def install(schema_editor) -> None:
    _execute(_STATEMENTS, 0, schema_editor)


def uninstall(schema_editor) -> None:
    _execute(_STATEMENTS, 1, schema_editor)


@contextlib.contextmanager
def lifted():
    """Drop the triggers for the block and put them back after (DDL is transactional on
    both databases, so inside a test's transaction nothing outlives the test). Tests only."""
    install_sql, uninstall_sql = _STATEMENTS[connection.vendor]
    with connection.cursor() as cursor:
        for statement in uninstall_sql:
            cursor.execute(statement)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            for statement in install_sql:
                cursor.execute(statement)


# A capture is evidence of what a page said when it was retrieved: no column of it ever
# changes, and the article text that records its capture keeps it.
CAPTURE_CHANGED = "capture never changes once stored"

_CAPTURE_STATEMENTS = {
    "sqlite": (
        [
            """CREATE TRIGGER capture_unchanged BEFORE UPDATE ON sources_capture
            BEGIN SELECT RAISE(ABORT, 'a capture never changes once stored'); END""",
            """CREATE TRIGGER article_capture_unchanged
            BEFORE UPDATE OF capture_id ON sources_sourcearticle
            WHEN OLD.capture_id IS NOT NULL AND NEW.capture_id IS NOT OLD.capture_id
            BEGIN SELECT RAISE(ABORT, 'an article''s capture never changes once stored'); END""",
        ],
        [
            "DROP TRIGGER IF EXISTS capture_unchanged",
            "DROP TRIGGER IF EXISTS article_capture_unchanged",
        ],
    ),
    "postgresql": (
        [
            """CREATE OR REPLACE FUNCTION sources_capture_unchanged() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                RAISE EXCEPTION 'a capture never changes once stored'
                    USING ERRCODE = 'check_violation';
            END $$""",
            """CREATE TRIGGER capture_unchanged BEFORE UPDATE ON sources_capture
            FOR EACH ROW EXECUTE FUNCTION sources_capture_unchanged()""",
            """CREATE OR REPLACE FUNCTION sources_article_capture_unchanged() RETURNS trigger
            LANGUAGE plpgsql AS $$
            BEGIN
                IF OLD.capture_id IS NOT NULL
                        AND NEW.capture_id IS DISTINCT FROM OLD.capture_id THEN
                    RAISE EXCEPTION 'an article''s capture never changes once stored'
                        USING ERRCODE = 'check_violation';
                END IF;
                RETURN NEW;
            END $$""",
            """CREATE TRIGGER article_capture_unchanged
            BEFORE UPDATE OF capture_id ON sources_sourcearticle
            FOR EACH ROW EXECUTE FUNCTION sources_article_capture_unchanged()""",
        ],
        [
            "DROP TRIGGER IF EXISTS capture_unchanged ON sources_capture",
            "DROP TRIGGER IF EXISTS article_capture_unchanged ON sources_sourcearticle",
            "DROP FUNCTION IF EXISTS sources_capture_unchanged()",
            "DROP FUNCTION IF EXISTS sources_article_capture_unchanged()",
        ],
    ),
}


def install_capture_guard(schema_editor) -> None:
    _execute(_CAPTURE_STATEMENTS, 0, schema_editor)


def uninstall_capture_guard(schema_editor) -> None:
    _execute(_CAPTURE_STATEMENTS, 1, schema_editor)
