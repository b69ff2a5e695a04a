"""Markdown written by issuers (criteria, descriptions), shown as safe HTML."""

from __future__ import annotations

import markdown as markdown_lib
import nh3

_TAGS = {
    "p", "br", "strong", "em", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "hr",
}  # fmt: skip
_ATTRIBUTES = {"a": {"href", "title"}}


def markdown_html(text: str) -> str:
    """HTML for ``text`` (Markdown), with anything outside a small safe subset removed."""
    html = markdown_lib.markdown(text or "", extensions=["sane_lists"], output_format="html")
    return nh3.clean(
        html,
        tags=_TAGS,
        attributes=_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def criteria_text(text: str) -> str:
    """The criteria as written into credentials: the Markdown source (OB 3.0 narrative)."""
    return (text or "").strip()
