"""Files the build writes beside the pages (exports, feed, robots.txt, _headers): which
builders get them, and writing them only when their bytes change, so an unchanged build
leaves their timestamps (and a host's caches) alone."""

from __future__ import annotations

from pathlib import Path

from sphinx.builders.html import StandaloneHTMLBuilder


def is_web(builder) -> bool:
    """An HTML builder whose output is a web site (not an EPUB, which has no media type for them)."""
    return isinstance(builder, StandaloneHTMLBuilder) and builder.format == "html" and not builder.name.startswith("epub")


def write_if_changed(path: Path, data: str | bytes) -> None:
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if not path.is_file() or path.read_bytes() != raw:
        path.write_bytes(raw)
