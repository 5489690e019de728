"""Small immutable records: what a page declares, as stored in the environment.

They are plain values (strings, numbers, tuples) so they pickle cheaply, merge across
parallel readers, compare by value and never pin a doctree. Everything derived from
several pages lives in the catalogue, rebuilt each build and never pickled.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True, slots=True)
class Decl:
    """One declared object: a technique, category, repo, benchmark, metric or result.

    ``fields`` holds the typed option values in option order (sorted by name);
    ``extra`` holds free keys (a result's metric values) as raw text;
    ``body`` is the plain text of the directive content (a repo's description).
    """

    kind: str
    id: str
    docname: str
    lineno: int
    fields: tuple[tuple[str, Any], ...] = ()
    extra: tuple[tuple[str, str], ...] = ()
    body: str = ""
    lines: tuple[tuple[str, int], ...] = ()  # source line of each option, for located warnings

    def get(self, name: str, default: Any = None) -> Any:
        for key, value in self.fields:
            if key == name:
                return value
        return default

    def at(self, option: str) -> tuple[str, int]:
        """The location of one option (the directive's own line if unknown)."""
        return (self.docname, dict(self.lines).get(option, self.lineno))

    @property
    def location(self) -> tuple[str, int]:
        return (self.docname, self.lineno)

    @property
    def sort_key(self) -> tuple[str, str, str, int]:
        return (self.kind, self.id, self.docname, self.lineno)


@dataclass(frozen=True, slots=True)
class Problem:
    """An author-input problem found while reading; replayed on every build."""

    subtype: str
    message: str
    docname: str
    lineno: int
    path: str = ""  # set for problems in files that are not pages (refs.bib): "path:line"

    @property
    def location(self):
        """A Sphinx log location: the file path for non-pages, else (docname, line)."""
        if self.path:
            return self.path
        return (self.docname, self.lineno) if self.lineno else self.docname


@dataclass(frozen=True, slots=True)
class View:
    """A placeholder to fill late: what kind of view, the page it stands on, and its parsed options."""

    kind: str
    docname: str
    lineno: int
    options: tuple[tuple[str, Any], ...] = ()

    def get(self, name: str, default: Any = None) -> Any:
        for key, value in self.options:
            if key == name:
                return value
        return default


@dataclass(frozen=True, slots=True)
class RefUse:
    """A ``kb`` role on a page: who references what (for backlinks and freshness)."""

    kind: str
    target: str
    docname: str
    lineno: int
