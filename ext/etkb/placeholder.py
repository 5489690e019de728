"""The one docutils node the extension adds: a placeholder filled in the resolve phase."""

from __future__ import annotations

from docutils import nodes


class kb_view(nodes.General, nodes.Element):  # noqa: N801 (docutils naming)
    """Stands where a view (card, table, tree, leaderboard...) is rendered late.

    It carries its :class:`~etkb.records.View` record under ``record``: the view kind,
    its options and the page it stands on. Like ``sphinx.ext.todo``'s nodes it is stamped
    with its own page, so builders that merge pages into one doctree (singlehtml, latex)
    still render each placeholder for the page it came from. The post-transform always
    replaces it; no writer ever sees it.
    """


def setup_nodes(app) -> None:
    # No visitors: the node never reaches a writer. Registering visitors under a builder
    # *name* (e.g. "epub") would also hide every other extension's "html" visitors from it.
    app.add_node(kb_view)


def collect_views(app, doctree) -> None:
    """``doctree-read``: store the page's views, in document order, for freshness.

    A run of adjacent ``kb:result`` blocks for one benchmark becomes one view (one table):
    the first placeholder takes the run's source lines, the others are removed. Done here,
    where siblings are visible, so the view's data alone says what its table shows.
    """
    from .records import View

    docname = app.env.docname
    records, merged = [], set()
    for node in list(doctree.findall(kb_view)):
        if id(node) in merged:  # removed as part of an earlier run
            continue
        record = node["record"]
        if record.kind == "result":
            lines = list(record.get("lines"))
            sibling = node.next_node(descend=False, siblings=True)
            while (isinstance(sibling, kb_view) and sibling["record"].kind == "result"
                   and sibling["record"].get("benchmark") == record.get("benchmark")):
                lines += sibling["record"].get("lines")
                following = sibling.next_node(descend=False, siblings=True)
                merged.add(id(sibling))
                sibling.parent.remove(sibling)
                sibling = following
            record = View("result", record.docname, record.lineno,
                          (("benchmark", record.get("benchmark")), ("lines", tuple(lines))))
            node["record"] = record
        records.append(record)
    app.env.domains["kb"].set_views(docname, tuple(records))
