"""Node builders shared by the views. Text goes into text nodes, never raw HTML, so
docutils escapes everything an author wrote; only http(s) URLs become links.

Links to kb objects are resolved while computing a view's *data* (:func:`link`), so the
page, anchor and title a link shows are part of what the page's fingerprint covers;
builders turn a :class:`Link` into a reference and look nothing up themselves.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import NamedTuple

from docutils import nodes
from sphinx.errors import NoUri

from ..schema import URL_RE


class Link(NamedTuple):
    """A resolved link to a kb object: where it lives and what it is called."""

    kind: str
    ident: str
    title: str
    docname: str | None  # None: not in the catalogue (already reported); shown as plain text
    anchor: str = ""


def link(cat, kind: str, ident: str, title: str | None = None) -> Link:
    """Resolve ``(kind, ident)`` against the catalogue, for a view's data (memoised per catalogue:
    a category page and the front page resolve the same techniques over and over)."""
    if title is None:
        found = cat.links.get((kind, ident))
        if found is None:
            found = cat.links[(kind, ident)] = Link(kind, ident, cat.title(kind, ident), *(cat.anchor(kind, ident) or (None, "")))
        return found
    return Link(kind, ident, title, *(cat.anchor(kind, ident) or (None, "")))


def ref(target: Link, ctx, content: nodes.Node | None = None) -> nodes.Node:
    """A reference node for a resolved :class:`Link`."""
    content = content if content is not None else nodes.inline(target.title, target.title)
    if target.docname is None:
        return content
    return page_link(target.docname, content, ctx, anchor=target.anchor, title=target.title)


def page_link(docname: str, content: nodes.Node | str, ctx, anchor: str = "", title: str = "") -> nodes.Node:
    """A reference to a page (and anchor) of this site; plain content where the builder has no URIs.

    ``ctx.docname`` is the document being written (for singlehtml and latex, the root
    document), so the URI is relative to where the reader is."""
    if isinstance(content, str):
        content = nodes.inline(content, content)
    try:
        uri = "" if docname == ctx.docname else ctx.builder.get_relative_uri(ctx.docname, docname)
    except NoUri:
        return content
    ref_node = nodes.reference("", "", content, internal=True, refuri=f"{uri}#{anchor}" if anchor else (uri or "#"))
    if title:
        ref_node["reftitle"] = title
    return ref_node


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


def _plain(cell) -> str:
    if isinstance(cell, str):
        return cell
    if isinstance(cell, list):
        return "".join(_plain(c) for c in cell)
    return cell.astext()


MAX_COLUMN_WIDTH = 40


def table(
    headers: Sequence[str],
    rows: Iterable[Sequence[nodes.Node | str | list]],
    classes: Sequence[str] = (),
    numeric: Sequence[bool] | None = None,
    header_classes: Sequence[Sequence[str]] | None = None,
    row_classes: Sequence[Sequence[str]] | None = None,
    sorted_by: tuple[int, str] | None = None,
) -> nodes.table:
    """A plain docutils table (readable without JavaScript, styled by the theme).

    ``row_classes`` carry what the table script filters on (HTML ignores unknown classes,
    other builders drop them); ``sorted_by`` (column, "ascending"|"descending") marks the
    order the rows are in, which the script announces as ``aria-sort``."""
    rows = [list(cells) for cells in rows]
    tbl = nodes.table(classes=["kb-table", *classes])
    group = nodes.tgroup(cols=len(headers))
    tbl += group
    for i in range(len(headers)):  # relative widths: HTML ignores them, text and LaTeX need them
        widest = max(len(_plain(cells[i])) for cells in [[*headers], *rows] if i < len(cells))
        group += nodes.colspec(colwidth=min(max(widest, 3), MAX_COLUMN_WIDTH))
    head = nodes.thead()
    hrow = nodes.row()
    for i, title in enumerate(headers):
        entry = nodes.entry(classes=(["kb-num"] if numeric and numeric[i] else []) +
                            list(header_classes[i] if header_classes else ()) +
                            ([f"kb-sorted-{sorted_by[1]}"] if sorted_by and sorted_by[0] == i else []))
        entry += para(title)
        hrow += entry
    head += hrow
    group += head
    body = nodes.tbody()
    for r, cells in enumerate(rows):
        row = nodes.row(classes=list(row_classes[r]) if row_classes else [])
        for i, cell in enumerate(cells):
            entry = nodes.entry(classes=["kb-num"] if numeric and numeric[i] else [])
            entry += para(*cell) if isinstance(cell, list) else para(cell)
            row += entry
        body += row
    group += body
    return tbl


def html_only(markup: str) -> nodes.raw:
    """Markup for HTML builders only; every other builder leaves it out."""
    return nodes.raw("", markup, format="html")


def output_file_link(path: str, ctx) -> nodes.reference | None:
    """A link to a file the build writes beside the pages (``_exports/x.json``, the feed),
    relative to the page being written; None where a builder publishes no such file."""
    from sphinx.util.osutil import relative_uri

    from ..output import is_web

    if ctx.builder is None or not is_web(ctx.builder) or ctx.builder.name == "singlehtml":
        return None
    name = path.rsplit("/", 1)[-1]
    uri = relative_uri(ctx.builder.get_target_uri(ctx.docname), path)
    return nodes.reference("", "", nodes.literal(name, name), refuri=uri, internal=False)


def json_data(css_class: str, payload) -> nodes.raw:
    """Data for a page's script, as a JSON block: never run, so no Content-Security-Policy applies,
    and ``</`` escaped so no value can close the element."""
    import json

    text = json.dumps(payload, sort_keys=True).replace("</", "<\\/")
    return html_only(f'<script type="application/json" class="{css_class}">{text}</script>')
