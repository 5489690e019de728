"""Category pages (path, sub-categories, member techniques) and the taxonomy tree."""

from __future__ import annotations

from docutils import nodes

from ..records import View
from . import tables
from .common import field_list, joined, link, para, ref


def _path(cat, ident):
    path, seen = [], set()
    node = cat.get("category", ident)
    while node is not None and node.get("parent") and node.get("parent") not in seen:
        parent = node.get("parent")
        seen.add(parent)
        if cat.get("category", parent) is None:
            break
        path.insert(0, link(cat, "category", parent))
        node = cat.get("category", parent)
    return tuple(path)


def category_card_data(cat, view, env):
    ident = view.get("category")
    decl = cat.get("category", ident)
    if decl is None or decl.docname != view.docname:
        return None
    return {
        "path": _path(cat, ident),
        "children": tuple((link(cat, "category", c), len(cat.techniques_in(c))) for c in cat.children.get(ident, ())),
        "aliases": decl.get("aliases", ()),
        "count": len(cat.techniques_in(ident)),
        "table": tables.techniques_data(cat, _members_view(ident), env),
    }


def _members_view(category):
    """The member table a category page shows: its techniques, sub-categories included."""
    return View("techniques", "", 0, (("category", category),
                                          ("columns", ("name", "year", "venue", "categories", "code")),
                                          ("sort", ("-year", "name"))))


def category_card_build(data, ctx):
    if data is None:
        return []
    path = joined((ref(c, ctx) for c in data["path"]), " › ")
    rows = [
        ("Part of", path if data["path"] else "the top level of the taxonomy"),
        ("Sub-categories", joined(ref(c._replace(title=f"{c.title} ({n})"), ctx) for c, n in data["children"]) if data["children"] else []),
        ("Also known as", ", ".join(data["aliases"])),
        ("Techniques", f"{data['count']} (sub-categories included)"),
    ]
    return [field_list(rows), *tables.techniques_build(data["table"], ctx)]


def taxonomy_data(cat, view, env):
    def tree(ident):
        return (link(cat, "category", ident), len(cat.techniques_in(ident)),
                tuple(tree(c) for c in cat.children.get(ident, ())))
    root = view.get("root")
    roots = (root,) if root else cat.roots
    return tuple(tree(r) for r in roots if cat.get("category", r) is not None)


def taxonomy_build(data, ctx):
    def build(items):
        lst = nodes.bullet_list(classes=["kb-taxonomy"])
        for category, count, children in items:
            item = nodes.list_item()
            item += para(ref(category, ctx), nodes.Text(f" ({count})"))
            if children:
                item += build(children)
            lst += item
        return lst
    return [build(data)] if data else [para("No categories are declared yet.", classes=["kb-empty"])]
