"""Captures written and read back: a response becomes one gzipped WARC record (warcio), a
``response`` record with its HTTP status line and headers for a fetched page, a ``resource``
record for a saved page a curator uploads. The record is built once, stored, and served for
download exactly as stored; its sha256 and the body's are kept beside it so a reader can
check both."""

import datetime
import hashlib
import io

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from sources.models import Capture

# Transfer-Encoding describes how the body crossed the wire, and the body kept is the one
# read (de-chunked): kept under another name, so a WARC reader does not de-chunk it again.
_WIRE_ONLY = "transfer-encoding"


def _warc_date(moment: datetime.datetime) -> str:
    return moment.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def warc_record(
    *,
    url: str,
    body: bytes,
    retrieved_at: datetime.datetime,
    status_line: str | None = None,
    headers: list[tuple[str, str]] | None = None,
    content_type: str = "",
) -> bytes:
    """One gzipped WARC/1.1 record of ``body``: a response when ``status_line`` is given,
    else a resource (a saved page)."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True, warc_version="1.1")
    warc_headers = {
        "WARC-Date": _warc_date(retrieved_at),
        "WARC-Payload-Digest": "sha256:" + hashlib.sha256(body).hexdigest(),
    }
    if status_line is not None:
        kept = [
            (f"X-Archive-Orig-{name}" if name.lower() == _WIRE_ONLY else name, value)
            for name, value in headers or []
        ]
        http_headers = StatusAndHeaders(status_line, kept, protocol="")
        record = writer.create_warc_record(
            url,
            "response",
            payload=io.BytesIO(body),
            length=len(body),
            http_headers=http_headers,
            warc_headers_dict=warc_headers,
        )
    else:
        record = writer.create_warc_record(
            url,
            "resource",
            payload=io.BytesIO(body),
            length=len(body),
            warc_content_type=content_type or "application/octet-stream",
            warc_headers_dict=warc_headers,
        )
    writer.write_record(record)
    return out.getvalue()


def payload_of(warc: bytes) -> bytes:
    """The body kept in a capture's WARC record (for checking it against its digest)."""
    for record in ArchiveIterator(io.BytesIO(warc)):
        if record.rec_type in ("response", "resource"):
            return record.content_stream().read()
    raise ValueError("The WARC file holds no response or resource record.")


def store_fetched(
    *,
    requested_url: str,
    final_url: str,
    status: int,
    reason: str,
    http_version: str,
    headers: list[tuple[str, str]],
    body: bytes,
    retrieved_at: datetime.datetime,
) -> Capture:
    content_type = next((v for k, v in headers if k.lower() == "content-type"), "")
    warc = warc_record(
        url=final_url,
        body=body,
        retrieved_at=retrieved_at,
        status_line=f"{http_version} {status} {reason}",
        headers=headers,
    )
    return _store(
        origin=Capture.Origin.FETCHED,
        requested_url=requested_url,
        final_url=final_url,
        status=status,
        headers=[list(pair) for pair in headers],
        content_type=content_type[:200],
        retrieved_at=retrieved_at,
        body=body,
        warc=warc,
    )


def store_uploaded(
    *, body: bytes, filename: str, url: str = "", content_type: str = "text/html"
) -> Capture:
    """A saved page: kept as a resource record under its address if known, else its name."""
    now = datetime.datetime.now(datetime.UTC)
    warc = warc_record(
        url=url or f"file:///{filename}", body=body, retrieved_at=now, content_type=content_type
    )
    return _store(
        origin=Capture.Origin.UPLOADED,
        requested_url=url,
        final_url=url,
        content_type=content_type,
        filename=filename[:200],
        retrieved_at=now,
        body=body,
        warc=warc,
    )


def _store(*, body: bytes, warc: bytes, **fields) -> Capture:
    capture = Capture(
        size=len(body),
        sha256=hashlib.sha256(body).hexdigest(),
        warc=warc,
        warc_sha256=hashlib.sha256(warc).hexdigest(),
        **fields,
    )
    capture.full_clean()
    capture.save()
    return capture
