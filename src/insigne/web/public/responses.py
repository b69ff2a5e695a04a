"""HTTP responses for what the platform publishes: machine documents, files and downloads."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.http import content_disposition_header

from .published import Published

DOCUMENT_MAX_AGE = 300


def document_response(document: Published, *, revalidate: bool = False) -> HttpResponse:
    """A published document, readable by verifiers running in any web page (CORS)."""
    response = HttpResponse(
        document.body, content_type=document.content_type, status=document.status
    )
    response["Access-Control-Allow-Origin"] = "*"
    response["Cache-Control"] = "no-cache" if revalidate else f"public, max-age={DOCUMENT_MAX_AGE}"
    return response


def file_response(
    body: bytes, content_type: str, filename: str, *, attachment: bool, private: bool
) -> HttpResponse:
    response = HttpResponse(body, content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(attachment, filename) or ""
    response["Cache-Control"] = "private, no-store" if private else "public, max-age=3600"
    if private:
        response["X-Robots-Tag"] = "noindex"
    return response


# Shown in the browser; anything else given as evidence is only ever downloaded.
INLINE_EVIDENCE = frozenset(
    {"image/png", "image/jpeg", "image/gif", "image/webp", "application/pdf"}
)


def evidence_response(
    body: bytes, content_type: str, filename: str, *, private: bool
) -> HttpResponse:
    """A file someone uploaded as evidence: images and PDF shown, the rest downloaded as bytes,
    and no script of its own ever runs on our domain (a sandbox, except for PDF, which the
    browser's viewer could not show inside one)."""
    declared = content_type.split(";", maxsplit=1)[0].strip().lower()
    inline = declared in INLINE_EVIDENCE
    response = file_response(
        body,
        declared if inline else "application/octet-stream",
        filename or "preuve",
        attachment=not inline,
        private=private,
    )
    if declared != "application/pdf":
        response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response
