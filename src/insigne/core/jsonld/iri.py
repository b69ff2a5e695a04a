"""IRI helpers with the exact semantics of the JSON-LD reference implementation (jsonld.js).

The absolute-IRI test is deliberately the same weak regular expression jsonld.js uses, so that
Insigne refuses (in safe mode) exactly the values the JavaScript verifiers refuse.
"""

from __future__ import annotations

import re

KEYWORDS = frozenset(
    {
        "@base", "@container", "@context", "@default", "@direction", "@embed", "@explicit",
        "@graph", "@id", "@included", "@index", "@json", "@language", "@list", "@nest",
        "@none", "@omitDefault", "@prefix", "@preserve", "@protected", "@requireAll",
        "@reverse", "@set", "@type", "@value", "@version", "@vocab",
    }
)  # fmt: skip

KEYWORD_FORM = re.compile(r"@[a-zA-Z]+")
BCP47 = re.compile(r"[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*")

# JavaScript's \s, spelled out: Python's \s differs (it adds U+001C..U+001F and U+0085 and
# lacks U+FEFF). "+-." is a range in both languages (it admits the comma too).
_JS_SPACE = "\t\n\v\f\r \u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"
_ABSOLUTE = re.compile(rf"(?:[A-Za-z][A-Za-z0-9+-.]*|_):[^{_JS_SPACE}]*")

# jsonld.js parses with this "full" pattern (parseUri 1.2.2): scheme, authority (with userinfo,
# host and port), path, query, fragment.
_URI_PARTS = re.compile(
    r"(?:([a-zA-Z][a-zA-Z0-9+-.]*):)?"
    r"(?://((?:[^:@]*(?::[^:@]*)?@)?[^:/?#]*(?::(\d*))?))?"
    r"([^?#]*)(?:\?([^#]*))?(?:#(.*))?",
    re.S,
)


def is_keyword(value: object) -> bool:
    return isinstance(value, str) and value in KEYWORDS


def is_absolute(value: str) -> bool:
    """True for an absolute IRI or a blank node identifier (jsonld.js ``isAbsolute``)."""
    return _ABSOLUTE.fullmatch(value) is not None


def resolve(base: str | None, iri: str) -> str:
    """Resolve ``iri`` against ``base`` (RFC 3986 section 5.2); no base leaves it as it is."""
    if base is None or is_absolute(iri):
        return iri
    b_scheme, b_auth, b_path, b_query, _ = _split(base)
    _, r_auth, r_path, r_query, r_frag = _split(iri)
    auth: str | None
    query: str | None
    if r_auth is not None:
        auth, path, query = r_auth, r_path, r_query
    elif r_path == "":
        auth, path = b_auth, b_path
        query = r_query if r_query is not None else b_query
    else:
        auth, query = b_auth, r_query
        if r_path.startswith("/"):
            path = r_path
        else:
            path = b_path[: b_path.rfind("/") + 1]
            if (path or b_auth) and not path.endswith("/"):
                path += "/"
            path += r_path
    if r_path:
        path = remove_dot_segments(path)
    out = f"{b_scheme}:" if b_scheme else ""
    if auth is not None:
        out += "//" + auth
    out += path
    if query is not None:
        out += "?" + query
    if r_frag is not None:
        out += "#" + r_frag
    return out or "./"


def _split(iri: str) -> tuple[str | None, str | None, str, str | None, str | None]:
    match = _URI_PARTS.match(iri)
    assert match is not None  # every group is optional: the pattern matches any string
    scheme, auth, port, path, query, frag = match.groups()
    if auth is not None and (scheme, port) in (("https", "443"), ("http", "80")):
        auth = auth.replace(":" + port, "", 1)
    return scheme, auth, path or "", query, frag


def remove_dot_segments(path: str) -> str:
    if not path:
        return ""
    segments = path.split("/")
    output: list[str] = []
    last = len(segments) - 1
    for index, segment in enumerate(segments):
        if segment in (".", ".."):
            if segment == ".." and output:
                output.pop()
            if index == last:
                output.append("")  # keep the trailing slash
            continue
        output.append(segment)
    if path.startswith("/") and output and output[0] != "":
        output.insert(0, "")
    if output == [""]:
        return "/"
    return "/".join(output)
