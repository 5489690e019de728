"""Views: placeholders filled in the resolve phase from the catalogue.

Each view is a pair of functions: ``data(catalog, view, env)`` returns the plain,
comparable data the view shows (links already resolved, see :class:`.common.Link`), and
``build(data, ctx)`` turns exactly that data into docutils nodes. A builder gets no
catalogue, so it cannot show anything its data does not hold: :mod:`etkb.freshness`
fingerprints the data, and a page is rewritten whenever what it shows changed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from docutils import nodes
from sphinx.transforms.post_transforms import SphinxPostTransform

from ..placeholder import kb_view
from . import compare, exports, guide, news, objects, plots, relmap, results, tables, taxonomy, technique, vocabulary

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
    "result": (results.result_data, results.result_build),
    "techniques": (tables.techniques_data, tables.techniques_build),
    "repos": (objects.repos_data, objects.repos_build),
    "plot": (plots.plot_view_data, plots.plot_view_build),
    "vocabulary": (vocabulary.vocabulary_data, vocabulary.vocabulary_build),
    "exports": (exports.exports_data, exports.exports_build),
    "relmap": (relmap.relmap_data, relmap.relmap_build),
    "guide": (guide.guide_data, guide.guide_build),
    "compare": (compare.compare_data, compare.compare_build),
    "whatsnew": (news.whatsnew_data, news.whatsnew_build),
    "stale": (news.stale_data, news.stale_build),
}


def view_data(catalog, view, env) -> Any:
    return VIEWS[view.kind][0](catalog, view, env)


@dataclass
class Context:
    """What a builder function may use besides its data: where it is written, and how."""

    env: Any
    docname: str  # the document being written (the root document for singlehtml and latex)
    builder: Any = None
    serial: int = 0

    def new_id(self, prefix: str) -> str:
        """A page-unique, build-independent id (tables with captions need one)."""
        self.serial += 1
        return f"{prefix}-{self.serial}"

    def formatted_reference(self, paper) -> nodes.Node:
        """The paper's reference in the bibliography style of sphinxcontrib-bibtex.

        A function of the :class:`~etkb.bib.Paper` value alone: its ``bibtex`` field is the
        whole entry, so the fingerprint of a page showing it covers what is formatted."""
        from pybtex_docutils import Backend

        formatted = self.env.domains["kb"].formatted_reference(paper)
        if formatted is None:  # not in refs.bib, or pybtex cannot format an incomplete entry: show the key
            return nodes.paragraph(text=paper.key, classes=["kb-reference"])
        return Backend().paragraph(formatted)


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
    """Replace every placeholder before references are resolved (priority 10).

    Each placeholder carries its own view record, stamped with the page it stands on,
    so a merged doctree (singlehtml, latex) renders every view for its own page."""

    default_priority = 5

    def run(self, **kwargs: Any) -> None:
        domain = self.env.domains["kb"]
        ctx = Context(self.env, self.env.docname, self.env._app.builder)  # as Sphinx's own ReferencesResolver does
        for node in list(self.document.findall(kb_view)):
            record = node["record"]
            build = VIEWS[record.kind][1]
            replace(node, build(domain.view_data(record), ctx))


class UniqueIdsAfterFuro(SphinxPostTransform):
    """furo wraps each table and math block in a container and copies *all* attributes onto it,
    ids included, so every captioned table's id appeared twice on a page. Keep the ids on the
    element itself and drop the copies from furo's wrapper (runs right after furo's transform)."""

    default_priority = 501
    formats = ("html",)

    def run(self, **kwargs: Any) -> None:
        for wrapper in self.document.findall(nodes.container):
            if not {"table-wrapper", "math-wrapper"} & set(wrapper["classes"]) or not wrapper.children:
                continue
            inner = wrapper.children[0]
            if isinstance(inner, nodes.Element):
                wrapper["ids"] = [i for i in wrapper["ids"] if i not in inner["ids"]]
