"""The ``kb`` domain: per-page records in, cross-references out.

Storage is per docname (purge is a ``pop``, merge copies exactly the merged pages),
holds only :mod:`~etkb.records` values, and is versioned by ``data_version``. The
:class:`~etkb.catalog.Catalog` derived from it is an attribute of the domain instance,
rebuilt once per build in the main process and never pickled.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from docutils import nodes
from sphinx.domains import Domain, ObjType
from sphinx.roles import XRefRole
from sphinx.util.nodes import make_refnode

from .bib import load_papers
from .catalog import ROLE_KINDS, Catalog, build_catalog
from .directives import DIRECTIVES
from .indices import RepoIndex, TechniqueIndex
from .records import Decl, Problem, RefUse, View
from .reference import ReferenceDirective

_PER_DOC_KEYS = ("decls", "problems", "views", "refs")


class KbXRefRole(XRefRole):
    """A ``kb`` role; records who references what, for backlinks and freshness."""

    def result_nodes(self, document, env, node, is_ref):
        domain = env.domains["kb"]
        domain.note_ref(RefUse(node["reftype"], node["reftarget"], env.docname, self.lineno))
        return [node], []


class KbDomain(Domain):
    name = "kb"
    label = "Knowledge base"
    data_version = 2  # bump when what is stored (records or the doctrees we shape) changes meaning
    object_types = {
        "technique": ObjType("technique", "tech", "any"),
        "category": ObjType("category", "cat", "any"),
        "repo": ObjType("repo", "repo", "any"),
        "benchmark": ObjType("benchmark", "bench", "any"),
    }
    roles = {role: KbXRefRole(innernodeclass=nodes.inline, warn_dangling=True) for role in ROLE_KINDS}
    initial_data: dict[str, Any] = {**{key: {} for key in (*_PER_DOC_KEYS, "fingerprints")},
                                    "papers": None, "bibfiles": None,
                                    "references": None, "fingerprint_inputs": None}
    directives = {**DIRECTIVES, "reference": ReferenceDirective}
    indices = [TechniqueIndex, RepoIndex]

    _catalog: Catalog | None = None
    _view_data: dict | None = None  # View -> its data, for this catalogue (fingerprint, then write)
    toc_before: dict | None = None  # per build: what the re-read pages showed to toctrees (freshness.keep_parents)
    _style = None
    _navigation = None  # etkb.navigation.Navigation, built on first use in each process

    # --- storage --------------------------------------------------------------------
    def _append(self, key: str, docname: str, record) -> None:
        self.data[key][docname] = (*self.data[key].get(docname, ()), record)
        self._catalog = None

    def note_decl(self, decl: Decl) -> None:
        self._append("decls", decl.docname, decl)

    def note_problem(self, problem: Problem) -> None:
        self._append("problems", problem.docname, problem)

    def set_views(self, docname: str, views: tuple[View, ...]) -> None:
        """The page's views in document order (collected at doctree-read)."""
        if views:
            self.data["views"][docname] = views
        else:
            self.data["views"].pop(docname, None)

    def note_ref(self, ref: RefUse) -> None:
        self._append("refs", ref.docname, ref)

    def clear_doc(self, docname: str) -> None:
        for key in (*_PER_DOC_KEYS, "fingerprints"):
            self.data[key].pop(docname, None)
        self._catalog = None

    def merge_domaindata(self, docnames: Iterable[str], otherdata: dict[str, Any]) -> None:
        for docname in docnames:
            for key in _PER_DOC_KEYS:
                if docname in otherdata[key]:
                    self.data[key][docname] = otherdata[key][docname]
        self._catalog = None

    def all(self, key: str) -> list:
        return [record for docname in sorted(self.data[key]) for record in self.data[key][docname]]

    def views_of(self, docname: str) -> tuple[View, ...]:
        return self.data["views"].get(docname, ())

    # --- the catalogue --------------------------------------------------------------
    @property
    def catalog(self) -> Catalog:
        if self._catalog is None:
            titles = {doc: title.astext() for doc, title in self.env.titles.items()}
            self._catalog = build_catalog(self.all("decls"), self.all("refs"), load_papers(self.env), titles,
                                          papers_complete=not self.env.config.kb_bib_withheld)
            self._view_data = {}
        return self._catalog

    def view_data(self, view: View):
        """The data a view shows, computed once per catalogue (the fingerprint and the
        writer use the same value, so what is written is what was fingerprinted)."""
        from .render import view_data

        catalog = self.catalog
        if view not in self._view_data:
            self._view_data[view] = view_data(catalog, view, self.env)
        return self._view_data[view]

    def formatted_reference(self, paper):
        """The paper's entry formatted by pybtex (rich text), kept in the environment until refs.bib
        changes: formatting is slow, and at -j N it runs in the main process, before the writers fork."""
        stamp = (self.data.get("papers") or (None,))[0]
        cache = self.data.get("references")
        if cache is None or cache[0] != stamp:
            cache = self.data["references"] = (stamp, {})
        if paper.key not in cache[1]:
            entry = self.env.domains["cite"].bibdata.data.entries.get(paper.key)
            try:
                cache[1][paper.key] = self.reference_style().format_entry(label="", entry=entry) if entry else None
            except Exception:  # an entry pybtex cannot format (reported as kb.bib_field where a page shows it)
                cache[1][paper.key] = None
        return cache[1][paper.key]

    def reference_style(self):
        """The pybtex formatting style named by ``bibtex_default_style``, made once per build
        (its constructor looks plugins up through package metadata, which is slow)."""
        if self._style is None:
            from pybtex.plugin import find_plugin

            self._style = find_plugin("pybtex.style.formatting", self.env.config.bibtex_default_style)()
        return self._style

    # --- cross-references -----------------------------------------------------------
    def _refnode(self, builder, fromdocname, kind, ident, contnode, explicit):
        cat = self.catalog
        canonical = cat.resolve(kind, ident)
        target = cat.anchor(kind, canonical) if canonical else None
        if target is None:
            return None
        if not explicit:
            contnode = nodes.inline(cat.title(kind, canonical), cat.title(kind, canonical))
        return make_refnode(builder, fromdocname, target[0], target[1], contnode, cat.title(kind, canonical))

    def resolve_xref(self, env, fromdocname, builder, typ, target, node, contnode):
        kind = ROLE_KINDS.get(typ)
        if kind is None:
            return None
        return self._refnode(builder, fromdocname, kind, target, contnode, node.get("refexplicit", False))

    def resolve_any_xref(self, env, fromdocname, builder, target, node, contnode):
        found = []
        for role, kind in ROLE_KINDS.items():
            ref = self._refnode(builder, fromdocname, kind, target, contnode, node.get("refexplicit", False))
            if ref is not None:
                found.append((f"kb:{role}", ref))
        return found

    def get_objects(self):
        cat = self.catalog
        for kind in ("benchmark", "category", "technique"):
            for ident in cat.ids(kind):
                docname, anchor = cat.anchor(kind, ident)
                yield ident, cat.title(kind, ident), kind, docname, anchor, 1
        for rid, repo in cat.repos.items():
            if not rid.startswith("code-"):
                yield rid, repo.title, "repo", repo.docname, repo.anchor, 1
