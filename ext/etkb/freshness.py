"""Incremental correctness: rewrite a page when, and only when, what it shows changed.

Sphinx re-reads only edited pages. A page that shows data declared elsewhere (a card's
category titles, a table's rows, a link's text and target, a citation's label and
tooltip) must also be *rewritten* when that data changes. At ``env-get-updated`` we
digest, per page, exactly what it shows from elsewhere:

- the data of each of its views (:meth:`etkb.domain.KbDomain.view_data`), which is all
  their builders read, links included;
- the title and target of each ``kb`` role on it;
- the label, target and formatted text of each of its citations;

compare it with the digest stored in the environment, and return the pages whose digest
changed. This is Sphinx's own ``TocTreeCollector.get_updated_docs`` idea applied to our data.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict

from . import dates
from .catalog import ROLE_KINDS


def citation_parts(env) -> dict[str, list[str]]:
    """docname -> what its citations show (label, bibliography page, formatted entry)."""
    if "cite" not in env.domains:
        return {}
    cite = env.domains["cite"]
    shown = {}
    for citation in cite.citations:
        tooltip = citation.tooltip_entry.text if citation.tooltip_entry is not None else ""
        shown.setdefault(citation.key, (citation.formatted_entry.label, citation.bibliography_key.docname,
                                        citation.citation_id, repr(tooltip)))
    parts: dict[str, list[str]] = defaultdict(list)
    for ref in cite.citation_refs:
        parts[ref.docname].extend(repr((target.key, shown.get(target.key))) for target in ref.targets)
    return parts


def page_digest(domain, docname: str, citations: list[str]) -> str:
    catalog = domain.catalog
    parts = [repr(domain.view_data(view)) for view in domain.views_of(docname)]
    for ref in domain.data["refs"].get(docname, ()):
        kind = ROLE_KINDS.get(ref.kind, ref.kind)
        target = catalog.resolve(kind, ref.target)
        parts.append(repr((ref.kind, ref.target, target and catalog.title(kind, target), target and catalog.anchor(kind, target))))
    parts += citations
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def inputs_digest(domain, env) -> str:
    """A digest of everything view data is computed from: every page's records, the papers,
    page titles and citations. When it is unchanged (a body edit, a rebuild with no change),
    no page's shown data can have changed, and computing every view's data is skipped."""
    data = domain.data
    cite = env.domains["cite"] if "cite" in env.domains else None
    parts = (
        dates.build_date(),  # views that measure age (kb:stale) change when the day does
        [(key, doc, data[key][doc]) for key in ("decls", "views", "refs") for doc in sorted(data[key])],
        (data.get("papers") or (None,))[0],
        sorted((doc, title.astext()) for doc, title in env.titles.items()),
        sorted((ref.docname, tuple(t.key for t in ref.targets)) for ref in cite.citation_refs) if cite else (),
        sorted((key.docname, value.keys if hasattr(value, "keys") else ()) for key, value in cite.bibliographies.items())
        if cite else (),
    )
    return hashlib.sha1(repr(parts).encode("utf-8")).hexdigest()


def updated_docs(app, env) -> list[str]:
    """``env-get-updated``: pages whose shown kb data or citations changed since the last build."""
    domain = env.domains["kb"]
    stored = domain.data["fingerprints"]
    inputs = inputs_digest(domain, env)
    if domain.data.get("fingerprint_inputs") == inputs:  # same inputs as the last build: every fingerprint holds
        return []
    citations = citation_parts(env)
    changed = []
    pages = sorted((set(domain.data["views"]) | set(domain.data["refs"]) | set(citations)) & env.all_docs.keys())
    for docname in pages:
        digest = page_digest(domain, docname, citations.get(docname, []))
        if stored.get(docname) != digest:
            if docname in stored:
                changed.append(docname)
            stored[docname] = digest
    for docname in set(stored) - set(pages):
        del stored[docname]
    domain.data["fingerprint_inputs"] = inputs
    return changed


def _toc_view(env, docname: str):
    """What a page shows in the toctrees that include it: its title and its section tree."""
    title = env.titles.get(docname)
    toc = env.tocs.get(docname)
    return (title.astext() if title is not None else None, toc.pformat() if toc is not None else None)


def remember_tocs(app, env, docnames) -> None:
    """``env-before-read-docs``: note what each page about to be re-read shows to its toctree parents."""
    env.domains["kb"].toc_before = {d: _toc_view(env, d) for d in docnames if d in env.titles}


def keep_parents(app, builder) -> None:
    """``write-started``: Sphinx rewrites the toctree parent of every written page, in case its title
    changed. A parent listing a thousand pages costs about a second to resolve and write, and
    shows nothing new after a body edit. Pages whose title and section tree are unchanged are left
    out of ``files_to_rebuild`` for this write only (the environment was pickled before writing,
    and :func:`restore_parents` puts the mapping back), so an edit that renames a page or a
    section still rewrites its parents."""
    env = builder.env
    before = env.domains["kb"].toc_before or {}
    same = {d for d, view in before.items() if _toc_view(env, d) == view}
    if same:
        app.kb_files_to_rebuild = env.files_to_rebuild
        env.files_to_rebuild = {d: parents for d, parents in env.files_to_rebuild.items() if d not in same}


def restore_parents(app, exception) -> None:
    saved = getattr(app, "kb_files_to_rebuild", None)
    if saved is not None:
        app.env.files_to_rebuild = saved
        app.kb_files_to_rebuild = None
