"""SVG to PNG, for uploaded SVG badges (credentials and social networks want a PNG too).

resvg (through the ``resvg-py`` wheel) draws SVG without any system library, scripting or
network access. The SVG handed here has been sanitised first, so it refers to nothing outside
itself. Without the package, :data:`AVAILABLE` is false and the editor asks for a PNG beside
the SVG instead.
"""

from __future__ import annotations

import importlib
from types import ModuleType

SIZE = 512


def _load() -> ModuleType | None:
    try:
        return importlib.import_module("resvg_py")
    except ImportError:
        return None


_resvg = _load()
AVAILABLE = _resvg is not None


class RasteriseError(ValueError):
    pass


def available() -> bool:
    return AVAILABLE


def svg_to_png(svg: str, *, size: int = SIZE) -> bytes:
    """A PNG of ``svg`` fitting in ``size``×``size``; raises RasteriseError if it cannot."""
    if _resvg is None:
        raise RasteriseError("no SVG rasteriser installed")
    try:
        data = _resvg.svg_to_bytes(svg_string=svg, width=size, height=size)
    except (ValueError, RuntimeError, OverflowError) as error:
        raise RasteriseError(str(error)) from error
    return bytes(data)
