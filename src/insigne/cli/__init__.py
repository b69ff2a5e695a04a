"""The ``insigne`` command line: keys, signing, verification, baking, DIDs, status lists.

Usable with no server. Exit status: 0 on success (for ``verify``: every input verified),
1 when a verification fails, 2 on a usage error (bad arguments, unreadable input).
"""

from .main import build_parser, main

__all__ = ["build_parser", "main"]
