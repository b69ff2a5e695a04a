"""Where the root element's start tag sits in the bytes of an XML file.

Baking inserts text right after that tag instead of re-serialising the document, so the
rest of the file is kept byte for byte. Every search here is a single forward pass, so a
hostile file costs time in proportion to its size.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

UTF8_BOM = b"\xef\xbb\xbf"

# Whitespace, comments, processing instructions and the document type declaration (whose
# internal subset may hold "]" and ">" in literals, comments and processing instructions),
# then the root start tag. Possessive quantifiers never backtrack: a hostile file is scanned once.
_ROOT_START_TAG = re.compile(
    rb"""(?: \s++ | <\?.*?\?> | <!--.*?-->
        | <!DOCTYPE (?: [^"'\[>]++ | "[^"]*+" | '[^']*+' )*+
          (?: \[ (?: [^"'\]<]++ | "[^"]*+" | '[^']*+' | <!--.*?--> | <\?.*?\?> | <(?!!--|\?) )*+
              \] \s*+ )?
          >
    )*+
    < ([^\s/>!?]++)
      ( (?: \s++ [^\s=/>]++ \s*+ = \s*+ (?: "[^"]*+" | '[^']*+' ) )*+ )
      ( \s*+ (/?) > )
    """,
    re.S | re.X,
)
_ATTRIBUTE = re.compile(rb"""\s++([^\s=]++)\s*+=\s*+(?:"([^"]*+)"|'([^']*+)')""")


@dataclass(frozen=True)
class StartTag:
    """The root start tag: ``name`` as written (maybe prefixed) and its offsets in the file.

    ``attributes`` is the markup of the attributes; new ones go at ``attributes_end``.
    ``close`` is where ``>`` or ``/>`` (with any whitespace before it) starts; ``end`` is just
    after it.
    """

    name: bytes
    attributes: bytes
    attributes_end: int
    close: int
    end: int
    self_closing: bool

    @property
    def local_name(self) -> bytes:
        return self.name.rpartition(b":")[2]

    def attribute(self, name: bytes) -> bytes | None:
        """The raw value of attribute ``name`` (entity references left as written)."""
        for match in _ATTRIBUTE.finditer(self.attributes):
            if match[1] == name:
                return match[2] if match[2] is not None else match[3]
        return None


def root_start_tag(data: bytes) -> StartTag | None:
    """The start tag of the root element of ``data``, or None when the prolog is not XML."""
    tag = _ROOT_START_TAG.match(data, len(UTF8_BOM) if data.startswith(UTF8_BOM) else 0)
    if tag is None:
        return None
    return StartTag(
        name=tag[1],
        attributes=tag[2],
        attributes_end=tag.end(2),
        close=tag.start(3),
        end=tag.end(),
        self_closing=bool(tag[4]),
    )


def cdata(text: str) -> str:
    """``text`` as CDATA sections that an XML parser reads back exactly.

    ``]]>`` would end the section early and a parser turns CR into LF, so both are split out
    of the sections (the CR as a character reference).
    """
    body = text.replace("]]>", "]]]]><![CDATA[>").replace("\r", "]]>&#13;<![CDATA[")
    return f"<![CDATA[{body}]]>"


def attribute_value(text: str) -> str:
    """``text`` escaped for a double-quoted attribute, tabs and line ends kept as they are."""
    for char, reference in _ATTRIBUTE_ESCAPES:
        text = text.replace(char, reference)
    return text


# "&" first, so the other references are not escaped twice.
_ATTRIBUTE_ESCAPES = (
    ("&", "&amp;"),
    ("<", "&lt;"),
    ('"', "&quot;"),
    ("\t", "&#9;"),
    ("\n", "&#10;"),
    ("\r", "&#13;"),
)
