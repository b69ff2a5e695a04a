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
