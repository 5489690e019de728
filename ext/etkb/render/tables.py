"""The ``kb:techniques`` summary table: filters, chosen columns, sort order.

Filters are parsed and validated when the page is read (schema ``kb:techniques``);
here they run against the catalogue's indexes. The table is plain HTML, readable
without JavaScript; ``kb-sortable`` lets the vendored script sort and filter it.
"""

from __future__ import annotations

from docutils import nodes

from .common import badge, external, joined, link, para, ref, table

HEADINGS = {
    "name": "Technique", "title": "Paper", "authors": "Authors", "year": "Year", "venue": "Venue",
    "categories": "Categories", "modality": "Modality", "targets": "Reduces", "complexity": "Complexity",
    "code": "Code", "applies": "Applies", "stage": "Saves at", "results": "Results", "added": "Added",
    "verified": "Verified",
}


def select(cat, view) -> list[str]:
    """The ids of the techniques a table shows, filtered and sorted."""
    category = view.get("category")
    if category:
        ids = cat.techniques_in(category, descendants=not view.get("no-descendants"))
    else:
        ids = cat.ids("technique")
    years = view.get("year")
    venue = (view.get("venue") or "").lower()
    out = []
    for ident in ids:
        decl = cat.get("technique", ident)
        paper = cat.paper_of("technique", ident)
        year = int(paper.year) if paper and paper.year.isdigit() else None
        if years and (year is None or not years[0] <= year <= years[1]):
            continue
        if venue and (paper is None or venue not in paper.venue.lower()):
            continue
        if view.get("modality") and view.get("modality") not in decl.get("modality", ()):
            continue
        if view.get("target") and view.get("target") not in decl.get("targets", ()):
            continue
        if view.get("has-code") and not decl.get("code"):
            continue
        out.append(ident)
    for key in reversed(view.get("sort") or ("name",)):
        column = key.lstrip("-")
        out.sort(key=lambda i: _sort_value(cat, i, column), reverse=key.startswith("-"))
    limit = view.get("limit")
    return out[:limit] if limit else out


def _sort_value(cat, ident, column):
    value = cell_value(cat, ident, column)
    if isinstance(value, tuple):
        value = ", ".join(str(v[1] if isinstance(v, tuple) else v) for v in value)
    return (value in ("", None), str(value).lower() if not isinstance(value, int) else f"{value:06d}")


def cell_value(cat, ident, column):
    """The plain value of one cell (also what the exports write)."""
    decl = cat.get("technique", ident)
    paper = cat.paper_of("technique", ident)
    if column == "name":
        return cat.title("technique", ident)
    if column == "title":
        return decl.get("title") or (paper.title if paper else "")
    if column == "authors":
        return ", ".join(paper.authors) if paper else ""
    if column == "year":
        return int(paper.year) if paper and paper.year.isdigit() else ""
    if column == "venue":
        return paper.venue if paper else ""
    if column == "categories":
        return tuple((c, cat.title("category", c)) for c in cat.tech_categories.get(ident, ()))
    if column in ("modality", "applies", "stage"):
        return tuple(decl.get(column, ()))
    if column == "targets":
        return tuple(decl.get("targets", ()))
    if column == "code":
        return decl.get("code") or ""
    if column == "results":
        return len(cat.results_for(technique=ident))
    return decl.get(column) or ""


def techniques_data(cat, view, env):
    columns = view.get("columns") or ("name", "year", "venue", "categories", "code")

    def shown(ident, column):
        if column == "name":
            return link(cat, "technique", ident)
        if column == "categories":
            return tuple(link(cat, "category", c) for c in cat.tech_categories.get(ident, ()))
        return cell_value(cat, ident, column)

    return {
        "columns": tuple(columns),
        "rows": tuple(tuple(shown(ident, c) for c in columns) for ident in select(cat, view)),
    }


def _cell(column, value, ctx):
    if column == "name":
        return [ref(value, ctx)]
    if column == "categories":
        return joined(ref(c, ctx) for c in value)
    if column == "code":
        return [external(value, "code")] if value else "—"
    if column in ("modality", "targets"):
        return joined(badge(v, "info" if column == "modality" else "success") for v in value) if value else ""
    if isinstance(value, tuple):
        return ", ".join(value)
    return str(value)


def techniques_build(data, ctx):
    if not data["rows"]:
        return [para("No technique matches this table's filters.", classes=["kb-empty"])]
    columns = data["columns"]
    rows = []
    for values in data["rows"]:
        rows.append([_cell(c, v, ctx) for c, v in zip(columns, values)])
    headers = [HEADINGS[c] for c in columns]
    numeric = [c in ("year", "results") for c in columns]
    tbl = table(headers, rows, classes=("kb-techniques", "kb-sortable"), numeric=numeric)
    wrapper = nodes.container(classes=["kb-table-wrap"])
    wrapper += tbl
    return [wrapper]
