"""Warning subtypes of the ``kb`` extension, and the one function that emits them.

Every problem in an author's input is reported as a Sphinx warning of type ``kb``
with one of the subtypes below, always with a location, so ``-W`` turns it into a
failed build with a clear list instead of a traceback.
"""

from __future__ import annotations

from enum import Enum

from sphinx.util import logging

logger = logging.getLogger("etkb")

WARNING_TYPE = "kb"


class KbWarning(Enum):
    """The ``kb.*`` warning subtypes (rendered into the authors' reference)."""

    UNKNOWN_OPTION = ("unknown_option", 'A directive option that its schema does not define.')
    BAD_VALUE = ("bad_value", 'An option value of the wrong type or outside its vocabulary or range.')
    MISSING_OPTION = ("missing_option", 'A required option or argument is absent.')
    MALFORMED_LIST = ("malformed_list", 'A comma-separated list with an empty item, e.g. ``a,,b`` or a trailing comma.')
    BAD_URL = ("bad_url", 'A URL that is not an absolute ``http(s)://`` address.')
    DUPLICATE_ID = ("duplicate_id", 'Two objects of one kind (or an alias and an id) share an id; the first declaration wins.')
    UNKNOWN_CATEGORY = ("unknown_category", 'A technique or category names a category that is not declared.')
    UNKNOWN_TECHNIQUE = ("unknown_technique", 'A result, repository or relation names a technique that is not declared.')
    UNKNOWN_BENCHMARK = ("unknown_benchmark", 'A result or metric names a benchmark that is not declared.')
    UNKNOWN_METRIC = ("unknown_metric", 'A result reports a value for a metric its benchmark does not declare.')
    UNKNOWN_BIBKEY = ("unknown_bibkey", 'A ``:paper:`` or ``:source:`` names a key that is not in ``refs.bib``.')
    UNKNOWN_REF = ("unknown_ref", 'A ``kb`` role points at an id that is not declared.')
    CATEGORY_CYCLE = ("category_cycle", 'Categories whose parents form a cycle.')
    ORPHAN_CATEGORY = ("orphan_category", 'A category with neither ``:parent:`` nor ``:root:``: it hangs outside the taxonomy.')
    ENCODING = ("encoding", 'A page that is not valid text in source_encoding (UTF-8); invalid bytes are shown as U+FFFD.')
    NO_TITLE = ("no_title", 'A page that declares a technique, category or benchmark has no title to show it by.')
    MISPLACED = ("misplaced", 'A directive where it cannot stand, e.g. two techniques on one page.')
    BIB_FILE = ("bib_file", '``refs.bib`` is missing, unreadable or has a syntax error; it is left out of the build.')
    BIB_FIELD = ("bib_field", 'A ``refs.bib`` entry used by a page lacks a field the page shows (title, author, year).')
    MATH = ("math", 'Math that cannot be rendered to MathML: a LaTeX command or environment it does not cover.')
    BAD_FILTER = ("bad_filter", 'A summary-table filter, column or sort key that is not understood.')
    BIB_KEY = ("bib_key", 'A ``refs.bib`` key that breaks the convention ``<family name><year><first title word>``, all lowercase.')
    BIB_UNVERIFIED = ("bib_unverified", 'A ``refs.bib`` entry without a ``% verified:`` line above it naming where it was checked.')
    BIB_ID = ("bib_id", 'A malformed arXiv id or DOI, or two entries for the same paper (same arXiv id or DOI).')
    BIB_UNUSED = ("bib_unused", 'A ``refs.bib`` entry that no page uses (as a paper, a source or a citation).')

    def __init__(self, subtype: str, description: str) -> None:
        self.subtype = subtype
        self.description = description
        self.__doc__ = description

    @classmethod
    def from_subtype(cls, subtype: str) -> KbWarning:
        return next(member for member in cls if member.subtype == subtype)


def did_you_mean(word: str, candidates, listing: str = "") -> str:
    """``"; did you mean 'x'?"`` with the nearest candidates. When none is close: empty, or with
    ``listing`` (e.g. "categories") every candidate, so the author sees what would be accepted."""
    import difflib

    known = sorted({str(c) for c in candidates})
    near = difflib.get_close_matches(str(word).lower(), known, n=3, cutoff=0.6)
    if near:
        return "; did you mean " + " or ".join(repr(n) for n in near) + "?"
    return f" ({listing}: {', '.join(known)})" if listing else ""


def warn(subtype: KbWarning, message: str, location) -> None:
    """Log a ``kb.<subtype>`` warning; ``location`` is required (node, docname, or (docname, line))."""
    logger.warning(message, location=location, type=WARNING_TYPE, subtype=subtype.subtype)
