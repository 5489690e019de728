"""The one docutils node the extension adds: a placeholder filled in the resolve phase."""

from __future__ import annotations

from docutils import nodes


class kb_view(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Stands where a view (card, table, tree, leaderboard...) is rendered late.

    Attributes: ``view`` (kind) and ``view_id`` (index of its :class:`~etkb.records.View`
    in the page's records). It never reaches a writer: the post-transform replaces it.
    """


def _skip(self, node) -> None:
    raise nodes.SkipNode


def setup_nodes(app) -> None:
    visitors = {fmt: (_skip, None) for fmt in ("html", "latex", "text", "man", "texinfo", "epub")}
    app.add_node(kb_view, **visitors)
