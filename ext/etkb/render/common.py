"""Node builders shared by the views. Text goes into text nodes, never raw HTML, so
docutils escapes everything an author wrote; only http(s) URLs become links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx import addnodes

from ..schema import URL_RE

KIND_ROLE = {"technique": "tech", "category": "cat", "repo": "repo", "benchmark": "bench"}


def xref(kind: str, ident: str, title: str, docname: str, content: nodes.Node | None = None) -> addnodes.pending_xref:
    """A link to a kb object, resolved (or reported) by Sphinx's reference resolver."""
    return addnodes.pending_xref(
        "", content if content is not None else nodes.inline(title, title), refdomain="kb", reftype=KIND_ROLE[kind],
        reftarget=ident, refexplicit=True, refdoc=docname, refwarn=True,
    )


def external(url: str, text: str | None = None) -> nodes.Node:
    """A link when the URL is http(s), else the text alone (never a javascript: link)."""
    label = text or url
    if not URL_RE.match(url or ""):
        return nodes.Text(label)
    return nodes.reference(label, label, refuri=url, classes=["kb-external"])


def para(*children: nodes.Node | str, classes: Sequence[str] = ()) -> nodes.paragraph:
    node = nodes.paragraph(classes=list(classes))
    for child in children:
        node += nodes.Text(child) if isinstance(child, str) else child
    return node


def joined(items: Iterable[nodes.Node], sep: str = ", ") -> list[nodes.Node]:
    out: list[nodes.Node] = []
    for item in items:
        if out:
            out.append(nodes.Text(sep))
        out.append(item)
    return out


def badge(text: str, color: str = "secondary") -> nodes.inline:
    return nodes.inline(text, text, classes=["sd-badge", f"sd-bg-{color}", f"sd-bg-text-{color}", "kb-badge"])


def field_list(rows: Iterable[tuple[str, list[nodes.Node] | nodes.Node | str]]) -> nodes.field_list:
    fl = nodes.field_list(classes=["kb-fields"])
    for name, value in rows:
        if value in (None, "", []):
            continue
        body = nodes.field_body()
        if isinstance(value, str):
            body += para(value)
        elif isinstance(value, list):
            body += para(*value)
        else:
            body += value if isinstance(value, nodes.paragraph) else para(value)
        fl += nodes.field("", nodes.field_name(name, name), body)
    return fl


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[nodes.Node | str | list]],
    classes: Sequence[str] = (),
    numeric: Sequence[bool] | None = None,
) -> nodes.table:
    """A plain docutils table (readable without JavaScript, styled by the theme)."""
    tbl = nodes.table(classes=["kb-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for _ in headers:
        group += nodes.colspec(colwidth=1)
    head = nodes.thead()
    hrow = nodes.row()
    for i, title in enumerate(headers):
        entry = nodes.entry(classes=["kb-num"] if numeric and numeric[i] else [])
        entry += para(title)
        hrow += entry
    head += hrow
    group += head
    body = nodes.tbody()
    for cells in rows:
        row = nodes.row()
        for i, cell in enumerate(cells):
            entry = nodes.entry(classes=["kb-num"] if numeric and numeric[i] else [])
            entry += para(*cell) if isinstance(cell, list) else para(cell)
            row += entry
        body += row
    group += body
    return tbl
