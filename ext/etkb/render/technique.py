"""Views on a technique page: the "at a glance" card and the footer
(relations, backlinks, the paper's reference and its BibTeX)."""

from __future__ import annotations

from docutils import nodes
from sphinx_design.shared import create_component

from .common import badge, external, field_list, joined, link, page_link, para, ref

#: How the card words the :data: and :kernels: facets.
NEEDS_DATA = {"none": "no data", "calibration": "a calibration set, no training", "training": "training data"}
NEEDS_KERNELS = {"standard": "standard framework operations", "custom": "custom kernels for its speed-up"}


def card_data(cat, view, env):
    ident = view.get("technique")
    decl = cat.get("technique", ident)
    if decl is None or decl.docname != view.docname:
        return None  # a duplicate declaration: reported, shown as nothing
    paper = cat.paper_of("technique", ident)
    return {
        "title": decl.get("title") or (paper.title if paper else ""),
        "authors": paper.authors if paper else (),
        "venue": paper.venue if paper else "",
        "year": paper.year if paper else "",
        "categories": tuple(link(cat, "category", c) for c in cat.tech_categories.get(ident, ())),
        "modality": decl.get("modality", ()),
        "targets": decl.get("targets", ()),
        "complexity": decl.get("complexity") or "",
        "code": decl.get("code") or "",
        "code_status": cat.code_status(ident),
        "applies": decl.get("applies", ()),
        "stage": decl.get("stage", ()),
        "approximation": decl.get("approximation") or "",
        "kernels": decl.get("kernels") or "",
        "data": decl.get("data") or "",
        "hardware": decl.get("hardware") or "",
        "aliases": decl.get("aliases", ()),
        "added": decl.get("added") or "",
        "verified": decl.get("verified") or "",
    }


def _venue(venue: str, year: str) -> list[nodes.Node] | str:
    """The venue's short name and year, the full name on hover (and in the Reference section)."""
    from ..bib import short_venue

    short = short_venue(venue)
    shown = [nodes.abbreviation(short, short, explanation=venue) if short != venue else nodes.Text(venue)] if venue else []
    return shown + ([nodes.Text(f" {year}" if venue else year)] if year else []) or ""


def card_build(data, ctx):
    if data is None:
        return []
    card = create_component("card", classes=["sd-card", "sd-sphinx-override", "sd-mb-3", "sd-shadow-sm", "kb-card"])
    header = create_component("card-header", classes=["sd-card-header", "kb-card-header"])
    header += para(data["title"] or "(paper title missing from refs.bib)", classes=["kb-paper-title"])
    card += header
    body = create_component("card-body", classes=["sd-card-body"])
    code = []
    if data["code"]:
        code = [external(data["code"]), nodes.Text(f" ({data['code_status']})")]
    elif data["code_status"]:
        code = [nodes.Text(data["code_status"])]
    body += field_list([
        ("Authors", ", ".join(data["authors"])),
        ("Venue", _venue(data["venue"], data["year"])),
        ("Categories", joined(ref(c, ctx) for c in data["categories"])),
        ("Modality", joined((badge(m, "info") for m in data["modality"]), " ") if data["modality"] else []),
        ("Reduces", joined((badge(t, "success") for t in data["targets"]), " ") if data["targets"] else []),
        ("Complexity", data["complexity"]),
        ("Applies", ", ".join(data["applies"])),
        ("Saves at", ", ".join(data["stage"])),
        ("Attention", data["approximation"]),
        ("Needs", ", ".join(x for x in (NEEDS_DATA.get(data["data"], ""), NEEDS_KERNELS.get(data["kernels"], "")) if x)),
        ("Hardware", data["hardware"]),
        ("Also known as", ", ".join(data["aliases"])),
        ("Code", code),
    ])
    card += body
    if data["added"] or data["verified"]:
        footer = create_component("card-footer", classes=["sd-card-footer", "kb-card-footer"])
        footer += para(" · ".join(x for x in (
            f"added {data['added']}" if data["added"] else "",
            f"facts verified {data['verified']}" if data["verified"] else "") if x), classes=["kb-dates"])
        card += footer
    return [card]


def _own(cat, view):
    ident = view.get("technique")
    decl = cat.get("technique", ident)
    return ident if decl is not None and decl.docname == view.docname else None


MAX_SAME_CATEGORY = 12  # a page lists a bounded neighbourhood, never a whole category


def related_data(cat, view, env):
    ident = _own(cat, view)
    if ident is None:
        return None
    mine = cat.tech_categories.get(ident, ())
    shared: dict[str, int] = {}
    for category in mine:
        for other in cat.members.get(category, ()):
            if other != ident:
                shared[other] = shared.get(other, 0) + 1
    nearest = sorted(shared, key=lambda t: (-shared[t], t))[:MAX_SAME_CATEGORY]
    return {
        "relations": tuple((label, link(cat, "technique", other)) for label, other in cat.relations.get(ident, ())),
        "same_category": tuple(link(cat, "technique", t) for t in nearest),
        "more": max(0, len(shared) - len(nearest)),
        "categories": tuple(link(cat, "category", c) for c in mine),
    }


def related_build(data, ctx):
    if data is None:
        return []
    by_label: dict[str, list] = {}
    for label, other in data["relations"]:
        by_label.setdefault(label, []).append(ref(other, ctx))
    rows = [(label, joined(links)) for label, links in by_label.items()]
    if data["same_category"]:
        links = joined(ref(t, ctx) for t in data["same_category"])
        if data["more"]:
            links += [nodes.Text(f" and {data['more']} more in "), *joined(ref(c, ctx) for c in data["categories"])]
        rows.append(("Same category", links))
    return [field_list(rows)] if rows else [para("No related techniques are recorded yet.", classes=["kb-empty"])]


def backlinks_data(cat, view, env):
    kind, ident = view.get("kind"), view.get("ident")
    return tuple(
        (doc, env.titles[doc].astext() if doc in env.titles else doc)
        for doc in cat.referenced_by.get((kind, ident), ())
    )


def backlinks_build(data, ctx):
    if not data:
        return [para("No other page references this yet.", classes=["kb-empty"])]
    items = nodes.bullet_list(classes=["kb-backlinks"])
    for other_doc, title in data:
        ref = page_link(other_doc, title, ctx)
        items += nodes.list_item("", para(ref))
    return [items]


def reference_data(cat, view, env):
    kind, ident = view.get("kind"), view.get("ident")
    decl = cat.get(kind, ident)
    if decl is None or decl.docname != view.docname:
        return None
    return cat.paper_of(kind, ident) or ("missing", decl.get("paper"))


def reference_build(paper, ctx):
    if paper is None:
        return []
    if isinstance(paper, tuple):
        return [para(f"The paper {paper[1]!r} is not in refs.bib.", classes=["kb-empty"])]
    out = [ctx.formatted_reference(paper)]
    ids = []
    if paper.doi:
        ids.append(external(f"https://doi.org/{paper.doi}", f"doi:{paper.doi}"))
    if paper.eprint:
        ids.append(external(f"https://arxiv.org/abs/{paper.eprint}", f"arXiv:{paper.eprint}"))
    if paper.url:
        ids.append(external(paper.url, "paper"))
    if ids:
        out.append(para(*joined(ids, " · "), classes=["kb-paper-links"]))
    if paper.bibtex:
        out.append(nodes.literal_block(paper.bibtex, paper.bibtex, language="bibtex", classes=["kb-bibtex"]))
    return out
