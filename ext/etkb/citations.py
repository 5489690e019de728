"""sphinxcontrib-bibtex's citation domain, with formatted entries kept between builds.

On every build, even one that re-reads a single page, sphinxcontrib-bibtex formats every
cited entry of every bibliography again in ``env-updated`` (twice: entry and tooltip). At
1000 techniques that was most of a one-page rebuild (see ``bench/README.md``). This domain
is the stock one with two methods replaced: a formatted entry is stored in the domain's data,
keyed by style, label and entry key, and reused until a bib file changes; and the citing pages
of every key are collected in one pass instead of once per entry. It is registered
with ``add_domain(..., override=True)``, the supported way to replace a domain; the output
is identical to the stock domain's (tested), and ``kb_cache_citations = False`` turns it off.
"""

from __future__ import annotations

from collections import defaultdict

from pybtex.plugin import find_plugin
from pybtex.richtext import Tag
from pybtex.style import FormattedEntry
from pybtex.style.template import FieldIsMissing
from sphinx.util import logging
from sphinxcontrib.bibtex.domain import BibtexDomain, _FilterVisitor

from .bib import bib_stamp

logger = logging.getLogger(__name__)


class CachedBibtexDomain(BibtexDomain):
    _styles: dict | None = None

    def _style(self, name: str):
        if self._styles is None:
            self._styles = {}
        if name not in self._styles:
            self._styles[name] = find_plugin("pybtex.style.formatting", name)()
        return self._styles[name]

    def _formatted(self) -> dict:
        """The cache, emptied whenever a bib file changed (its entries may have)."""
        stamp = bib_stamp(self.bibdata)
        cache = self.data.get("etkb_formatted")
        if cache is None or cache["stamp"] != stamp:
            cache = self.data["etkb_formatted"] = {"stamp": stamp, "entries": {}}
        return cache["entries"]

    def get_filtered_entries(self, bibliography_key):
        """As the stock method, but the pages citing each key are collected in one pass over the
        citations (the stock method scans every citation for every entry: quadratic in the site)."""
        bibliography = self.bibliographies[bibliography_key]
        citing: dict[str, set[str]] = defaultdict(set)
        for citation_ref in self.citation_refs:
            for target in citation_ref.targets:
                citing[target.key].add(citation_ref.docname)
        for entry in self.get_entries(bibliography.bibfiles):
            key = bibliography.keyprefix + entry.key
            cited_docnames = citing.get(key, set())
            visitor = _FilterVisitor(entry=entry, docname=bibliography_key.docname, cited_docnames=cited_docnames)
            try:
                success = visitor.visit(bibliography.filter_)
            except ValueError as err:
                logger.warning(f"syntax error in :filter: expression; {err}",
                               location=(bibliography_key.docname, bibliography.line),
                               type="bibtex", subtype="filter_syntax_error")
                success = bool(cited_docnames)
            if success or entry.key in bibliography.keys:
                yield key, entry

    def get_formatted_entries(self, bibliography_key, docnames, tooltips, tooltips_style):
        """As the stock method (same sort, labels and formatting), formatting each entry once."""
        bibliography = self.bibliographies[bibliography_key]
        entries = dict(self.get_sorted_entries(bibliography_key, docnames))
        style = self._style(bibliography.style)
        tooltip_style = (self._style(tooltips_style) if tooltips_style else style) if tooltips else None
        sorted_entries = list(style.sort(entries.values()))
        labels = style.format_labels(sorted_entries)
        cache = self._formatted()
        for label, entry in zip(labels, sorted_entries):
            full_label = bibliography.labelprefix + label
            key = (bibliography.style, tooltips and (tooltips_style or bibliography.style), full_label, entry.key)
            if key not in cache:
                try:
                    cache[key] = (style.format_entry(full_label, entry),
                                  tooltip_style.format_entry(full_label, entry) if tooltip_style else None, "")
                except FieldIsMissing as exc:
                    cache[key] = (FormattedEntry(entry.key, Tag("b", str(exc)), full_label), None, str(exc))
            formatted, tooltip, missing = cache[key]
            if missing:  # the stock domain warns on every build; so do we
                logger.warning(missing, location=(bibliography_key.docname, bibliography.line),
                               type="bibtex", subtype="missing_field")
            yield entry, formatted, tooltip


def use_cached_citations(app, config) -> None:
    """``config-inited``: replace the citation domain when sphinxcontrib-bibtex is loaded."""
    if config.kb_cache_citations and "cite" in app.registry.domains:
        app.add_domain(CachedBibtexDomain, override=True)
