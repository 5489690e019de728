"""Incremental correctness: rewrite a page when, and only when, what it shows changed.

Sphinx re-reads only edited pages. A page that shows data declared elsewhere (a
card's category titles, a table's rows, a link's text) must also be *rewritten* when
that data changes. At ``env-get-updated`` we digest, per page, the data its views and
``kb`` links would show (:func:`etkb.render.view_data`), compare it with the digest
stored in the environment, and return the pages whose digest changed. This is
Sphinx's own ``TocTreeCollector.get_updated_docs`` idea applied to our data.
"""

from __future__ import annotations

import hashlib

from .catalog import ROLE_KINDS
from .render import view_data


def page_digest(domain, env, docname: str) -> str:
    catalog = domain.catalog
    parts = [repr(view_data(catalog, view, env)) for view in domain.views_of(docname)]
    for ref in domain.data["refs"].get(docname, ()):
        kind = ROLE_KINDS.get(ref.kind, ref.kind)
        target = catalog.resolve(kind, ref.target)
        parts.append(repr((ref.kind, ref.target, target and catalog.title(kind, target), target and catalog.anchor(kind, target))))
    return hashlib.sha1("\n".join(parts).encode("utf-8")).hexdigest()


def updated_docs(app, env) -> list[str]:
    """``env-get-updated``: pages whose shown kb data changed since the last build."""
    domain = env.domains["kb"]
    stored = domain.data["fingerprints"]
    changed = []
    pages = sorted(set(domain.data["views"]) | set(domain.data["refs"]))
    for docname in pages:
        digest = page_digest(domain, env, docname)
        if stored.get(docname) != digest:
            if docname in stored:
                changed.append(docname)
            stored[docname] = digest
    for docname in set(stored) - set(pages):
        del stored[docname]
    return changed
