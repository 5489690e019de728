"""The ``kb:techniques`` summary table: filters, chosen columns, sort order.

Filters are parsed and validated when the page is read (schema ``kb:techniques``);
here they run against the catalogue's indexes. The table is plain HTML, readable
without JavaScript; ``kb-sortable`` lets the vendored script sort and filter it.
"""

from __future__ import annotations

from docutils import nodes

from ..bib import short_venue
from .common import badge, external, joined, json_data, link, para, ref, table

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


#: What a reader can filter a summary table by in the browser, as (facet, label).
FACETS = (("category", "Category"), ("year", "Year"), ("modality", "Modality"), ("target", "Reduces"),
          ("stage", "Saves at"), ("applies", "Applies"), ("code", "Code"))


def facets(cat, ident) -> tuple[tuple[str, tuple[str, ...]], ...]:
    """A technique's facet values; a category counts with all its ancestors, so choosing
    "Efficient attention" keeps the techniques of its sub-categories too."""
    decl = cat.get("technique", ident)
    paper = cat.paper_of("technique", ident)
    categories = {a for category in cat.tech_categories.get(ident, ()) for a in cat.ancestors(category)}
    year = paper.year if paper and paper.year.isdigit() else ""
    return (
        ("category", tuple(sorted(c for c in categories if cat.get("category", c)))),
        ("year", (year,) if year else ()),
        ("modality", tuple(decl.get("modality", ()))),
        ("target", tuple(decl.get("targets", ()))),
        ("stage", tuple(decl.get("stage", ()))),
        ("applies", tuple(decl.get("applies", ()))),
        ("code", ("yes",) if decl.get("code") else ("no",)),
    )


def row_classes(ident, row_facets) -> list[str]:
    """``kb-row--<id>`` and ``kb-f--<facet>--<value>`` classes: ids and vocabulary values are slugs."""
    return [f"kb-row--{ident}", *(f"kb-f--{facet}--{value}" for facet, values in row_facets for value in values)]


def techniques_data(cat, view, env):
    columns = view.get("columns") or ("name", "year", "venue", "categories", "code")

    def shown(ident, column):
        if column == "name":
            return link(cat, "technique", ident)
        if column == "categories":
            return tuple(link(cat, "category", c) for c in cat.tech_categories.get(ident, ()))
        if column == "venue":
            venue = cell_value(cat, ident, column)
            return ("venue", short_venue(venue), venue)
        return cell_value(cat, ident, column)

    ids = select(cat, view)
    row_facets = tuple(facets(cat, ident) for ident in ids)
    used = {c for f in row_facets for c in dict(f)["category"]}
    first = (view.get("sort") or ("name",))[0]
    return {
        "columns": tuple(columns),
        "ids": tuple(ids),
        "rows": tuple(tuple(shown(ident, c) for c in columns) for ident in ids),
        "facets": row_facets,
        "category_titles": tuple((c, cat.title("category", c)) for c in sorted(used)),
        "sorted_by": (first.lstrip("-"), "descending" if first.startswith("-") else "ascending"),
    }


def _cell(column, value, ctx):
    if column == "name":
        return [ref(value, ctx)]
    if column == "categories":
        return joined(ref(c, ctx) for c in value)
    if column == "code":
        return [external(value, "code")] if value else "—"
    if column == "venue":
        return [nodes.abbreviation(value[1], value[1], explanation=value[2])] if value[2] != value[1] else value[1]
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
    column, direction = data["sorted_by"]
    sorted_by = (columns.index(column), direction) if column in columns else None
    tbl = table(headers, rows, classes=("kb-techniques", "kb-sortable", "kb-facetable"), numeric=numeric,
                row_classes=[row_classes(i, f) for i, f in zip(data["ids"], data["facets"])], sorted_by=sorted_by)
    wrapper = nodes.container(classes=["kb-table-wrap"])
    wrapper += tbl
    return [wrapper, facet_labels(data["category_titles"])]


def facet_labels(category_titles) -> nodes.Node:
    """The names of the categories a table's facet menu offers (the row classes hold only ids):
    a JSON data block, which no Content-Security-Policy treats as a script."""
    return json_data("kb-facet-labels", {"category": dict(category_titles)})
