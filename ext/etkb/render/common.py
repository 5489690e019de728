"""Node builders shared by the views. Text goes into text nodes, never raw HTML, so
docutils escapes everything an author wrote; only http(s) URLs become links."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from docutils import nodes
from sphinx import addnodes
from sphinx.errors import NoUri

from ..schema import URL_RE

KIND_ROLE = {"technique": "tech", "category": "cat", "repo": "repo", "benchmark": "bench"}


def xref(kind: str, ident: str, title: str, ctx, content: nodes.Node | None = None) -> nodes.Node:
    """A link to a kb object. Views link only to objects the catalogue knows, so the link is
    made here directly; a pending_xref per link made Sphinx's resolver a third of the build."""
    content = content if content is not None else nodes.inline(title, title)
    target = ctx.catalog.anchor(kind, ident)
    if target is None:  # not in the catalogue: let Sphinx's resolver report it, located
        return addnodes.pending_xref("", content, refdomain="kb", reftype=KIND_ROLE[kind], reftarget=ident,
                                     refexplicit=True, refdoc=ctx.docname, refwarn=True)
    return page_link(target[0], content, ctx, anchor=target[1], title=title)


def page_link(docname: str, content: nodes.Node | str, ctx, anchor: str = "", title: str = "") -> nodes.Node:
    """A reference to a page (and anchor) of this site; plain content where the builder has no URIs."""
    if isinstance(content, str):
        content = nodes.inline(content, content)
    try:
        uri = "" if docname == ctx.docname else ctx.builder.get_relative_uri(ctx.docname, docname)
    except NoUri:
        return content
    ref = nodes.reference("", "", content, internal=True, refuri=f"{uri}#{anchor}" if anchor else (uri or "#"))
    if title:
        ref["reftitle"] = title
    return ref


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
