"""Views: placeholders filled in the resolve phase from the catalogue.

Each view is a pair of functions: ``data(catalog, view, env)`` returns the plain,
comparable data the view shows, and ``build(data, ctx)`` turns it into docutils nodes.
The split is what keeps incremental builds honest: :mod:`etkb.freshness` fingerprints
exactly the ``data`` a page would show, without rendering it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..placeholder import kb_view
from . import objects, results, tables, taxonomy, technique

ViewFns = tuple[Callable[..., Any], Callable[..., list]]

VIEWS: dict[str, ViewFns] = {
    "card": (technique.card_data, technique.card_build),
    "related": (technique.related_data, technique.related_build),
    "backlinks": (technique.backlinks_data, technique.backlinks_build),
    "reference": (technique.reference_data, technique.reference_build),
    "category-card": (taxonomy.category_card_data, taxonomy.category_card_build),
    "taxonomy": (taxonomy.taxonomy_data, taxonomy.taxonomy_build),
    "repo": (objects.repo_data, objects.repo_build),
    "benchmark-card": (objects.benchmark_card_data, objects.benchmark_card_build),
    "leaderboard": (results.leaderboard_data, results.leaderboard_build),
    "result": (results.result_data, None),  # built per run of adjacent blocks, see below
    "techniques": (tables.techniques_data, tables.techniques_build),
    "repos": (objects.repos_data, objects.repos_build),
}


def view_data(catalog, view, env) -> Any:
    return VIEWS[view.kind][0](catalog, view, env)


@dataclass
class Context:
    """What a builder function may use besides its data."""

    env: Any
    docname: str
    builder: Any = None
    catalog: Any = None
    serial: int = 0

    def new_id(self, prefix: str) -> str:
        """A page-unique, build-independent id (tables with captions need one)."""
        self.serial += 1
        return f"{prefix}-{self.serial}"

    def formatted_reference(self, key: str) -> nodes.Node:
        """The paper's reference in the bibliography style of sphinxcontrib-bibtex."""
        from pybtex_docutils import Backend

        entry = self.env.domains["cite"].bibdata.data.entries.get(key)
        if entry is None:
            return nodes.paragraph(text=key)
        try:
            formatted = self.env.domains["kb"].reference_style().format_entry(label="", entry=entry)
            return Backend().paragraph(formatted)
        except Exception:  # pybtex cannot format an incomplete entry: show the key
            return nodes.paragraph(text=key, classes=["kb-reference"])


def replace(node: nodes.Element, new: list[nodes.Node]) -> None:
    """Replace a placeholder, keeping the ids docutils may have moved onto it
    (a target directly before it hands its ids on), so anchors survive."""
    if node["ids"]:
        holder = next((n for n in new if isinstance(n, nodes.Element)), None)
        if holder is None:
            holder = nodes.inline()
            new = [holder, *new]
        holder["ids"] = [*node["ids"], *[i for i in holder["ids"] if i not in node["ids"]]]
        node["ids"] = []
    node.replace_self(new)


class KbViewTransform(SphinxPostTransform):
    """Replace every placeholder before references are resolved (priority 10)."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = self.env.domains["kb"]
        catalog = domain.catalog
        docname = self.env.docname
        records = domain.views_of(docname)
        ctx = Context(self.env, docname, self.app.builder, catalog)
        placeholders = list(self.document.findall(kb_view))
        done: set[int] = set()
        for node in placeholders:
            if id(node) in done:
                continue
            index = node.get("view_index", -1)
            view = records[index] if 0 <= index < len(records) else None
            if view is None:
                replace(node, [])
                continue
            if view.kind == "result":
                run = self._result_run(node, records, catalog)
                done.update(id(n) for n, _ in run)
                built = results.result_run_build([r for _, r in run], catalog, ctx)
                for other, _ in run[1:]:
                    replace(other, [])
                replace(node, built)
                continue
            data_fn, build_fn = VIEWS[view.kind]
            replace(node, build_fn(data_fn(catalog, view, self.env), ctx))

    def _result_run(self, node, records, catalog):
        """The result placeholders that follow ``node`` directly, for the same benchmark."""
        def result_of(n):
            index = n.get("view_index", -1)
            return results.result_data(catalog, records[index], self.env) if 0 <= index < len(records) else None

        first = result_of(node)
        run = [(node, first)]
        sibling = node.next_node(descend=False, siblings=True)
        while isinstance(sibling, kb_view) and sibling.get("view") == "result":
            r = result_of(sibling)
            if first is None or r is None or r.benchmark != first.benchmark:
                break
            run.append((sibling, r))
            sibling = sibling.next_node(descend=False, siblings=True)
        return run
