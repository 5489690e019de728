"""``kb:relmap``: how techniques relate, drawn at build time as a static SVG (Matplotlib).

A hairball is useless at 150 nodes, so the drawing is layered: one column per paper year,
one horizontal lane per family (the top-level category for the whole field, the sub-category
on a category page), and nodes stacked inside their cell. Edges are typed by line style and
colour (a legend names them). The whole-field map draws only lineage (builds on, extends) by
default; a category's map draws every relation among its members. Every node links to its
technique's page; the figure keeps its natural size and scrolls sideways on a phone, so its
text never shrinks below legibility.
"""

from __future__ import annotations

import io

from docutils import nodes

from .common import link, para
from .plots import _href, embed_svg

#: Relation label -> (short name, line style, colour, directed)
EDGE_STYLES = {
    "Builds on": ("builds on", "-", "#3b8ed0", True),
    "Extends": ("extends", "-", "#8c5cc9", True),
    "Compared against": ("compared against", ":", "#8a8a8a", True),
    "Alternative to": ("alternative to", "--", "#e08a2c", False),
    "Combines with": ("combines with", "-.", "#2ca05a", False),
}
LINEAGE = ("Builds on", "Extends")
OPTION_LABELS = {"builds-on": "Builds on", "extends": "Extends", "compared-against": "Compared against",
                 "alternative-to": "Alternative to", "combines-with": "Combines with"}
COLUMN_WIDTH = 1.9  # inches per year column
ROW_HEIGHT = 0.26  # inches per stacked node
LABEL_CHARS = 26
#: A node that more techniques point to than this is a hub (the Transformer, ViT): its incoming
#: lines are replaced by a count beside it, so one hub cannot hide the rest of the map.
MAX_INCOMING = 6


def _lane_of(cat, ident, scope: str | None) -> str:
    """The family a technique is drawn in: its top-level category, or on a category's own map,
    the child of that category it belongs to (or the category itself)."""
    if scope is None:
        chain = cat.ancestors((cat.tech_categories.get(ident) or ("",))[0])
        return chain[-1] if chain else ""
    for category in cat.tech_categories.get(ident, ()):
        path = cat.ancestors(category)
        if scope in path:
            at = path.index(scope)
            return path[at - 1] if at else scope
    return scope


def relmap_data(cat, view, env):
    scope = view.get("category")
    ids = cat.techniques_in(scope) if scope else list(cat.ids("technique"))
    chosen = view.get("relations")
    kinds = tuple(OPTION_LABELS[o] for o in chosen) if chosen else (LINEAGE if not scope else tuple(EDGE_STYLES))
    members = set(ids)
    edges = []
    for ident in ids:
        decl = cat.get("technique", ident)
        for option, label in OPTION_LABELS.items():
            if label not in kinds:
                continue
            for other in decl.get(option, ()):
                other = cat.resolve("technique", other)
                if other in members and other != ident:
                    pair = (ident, other) if EDGE_STYLES[label][3] else tuple(sorted((ident, other)))
                    edges.append((label, *pair))
    edges = sorted(set(edges))
    incoming: dict[str, int] = {}
    for _label, _a, b in edges:
        incoming[b] = incoming.get(b, 0) + 1
    hubs = tuple(sorted((b, n) for b, n in incoming.items() if n > MAX_INCOMING))
    edges = [e for e in edges if incoming[e[2]] <= MAX_INCOMING]
    nodes_ = []
    for ident in ids:
        paper = cat.paper_of("technique", ident)
        year = int(paper.year) if paper and paper.year.isdigit() else 0
        lane = _lane_of(cat, ident, scope)
        nodes_.append((link(cat, "technique", ident), year, lane))
    lanes = tuple(sorted({lane for _, _, lane in nodes_}, key=lambda c: cat.title("category", c).lower()))
    return {
        "scope": link(cat, "category", scope) if scope else None,
        "nodes": tuple(sorted(nodes_, key=lambda n: (n[2], n[1], n[0].title.lower()))),
        "lanes": tuple((lane, cat.title("category", lane)) for lane in lanes),
        "edges": tuple(edges),
        "hubs": hubs,
        "kinds": kinds,
    }


def _short(title: str) -> str:
    title = title.split(" (")[0]
    return title if len(title) <= LABEL_CHARS else title[:LABEL_CHARS - 1].rstrip() + "…"


def layout(data):
    """Node centres in inches, and the figure size: columns by year, lanes stacked by height."""
    years = sorted({year for _, year, _ in data["nodes"]})
    column = {year: i for i, year in enumerate(years)}
    cells: dict[tuple[str, int], list] = {}
    for target, year, lane in data["nodes"]:
        cells.setdefault((lane, year), []).append(target)
    lane_rows = {lane: max((len(v) for (ln, _), v in cells.items() if ln == lane), default=1) for lane, _ in data["lanes"]}
    positions, lane_spans, top = {}, [], 0.4
    for lane, title in data["lanes"]:
        height = lane_rows[lane] * ROW_HEIGHT + 0.2
        lane_spans.append((title, top, top + height))
        for year in years:
            for row, target in enumerate(cells.get((lane, year), ())):
                positions[target.ident] = (1.6 + (column[year] + 0.5) * COLUMN_WIDTH, top + 0.1 + (row + 0.5) * ROW_HEIGHT)
        top += height
    width = 1.6 + len(years) * COLUMN_WIDTH + 0.2
    return years, positions, lane_spans, (width, top + 0.5)


def relmap_build(data, ctx):
    if ctx.builder.format != "html":  # an inline SVG is HTML; the relations are listed on every page
        return []
    if len(data["nodes"]) < 2 or not data["edges"]:
        return [para("The techniques here declare no relations to each other yet.", classes=["kb-empty"])]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt
    from matplotlib.patches import FancyArrowPatch

    years, positions, lane_spans, (width, height) = layout(data)
    grey = "#808080"
    with matplotlib.rc_context({"svg.hashsalt": "etkb", "svg.fonttype": "none", "font.size": 8}):
        fig = plt.figure(figsize=(width, height))
        ax = fig.add_axes((0, 0, 1, 1))
        ax.set_xlim(0, width)
        ax.set_ylim(height, 0)
        ax.axis("off")
        for i, (title, y0, y1) in enumerate(lane_spans):
            if i % 2 == 0:
                ax.axhspan(y0, y1, color=grey, alpha=0.08, linewidth=0)
            ax.text(0.1, (y0 + y1) / 2, _short(title), va="center", ha="left", color=grey, fontsize=8, fontweight="bold")
        for i, year in enumerate(years):
            ax.text(1.6 + (i + 0.5) * COLUMN_WIDTH, 0.22, str(year) if year else "year?", ha="center", va="center",
                    color=grey, fontsize=8, fontweight="bold")
        for label, a, b in data["edges"]:
            if a not in positions or b not in positions:
                continue
            _, style, colour, directed = EDGE_STYLES[label]
            (xa, ya), (xb, yb) = positions[a], positions[b]
            same_column = abs(xa - xb) < 1e-6
            ax.add_patch(FancyArrowPatch(  # under the boxes, which hide the ends; the arrow head stops at the box
                (xa, ya), (xb, yb), arrowstyle="-|>" if directed else "-", mutation_scale=7, linestyle=style,
                linewidth=0.9, color=colour, alpha=0.85, shrinkA=4, shrinkB=9,
                connectionstyle=f"arc3,rad={0.5 if same_column else 0.12}", zorder=1))
        hubs = dict(data["hubs"])
        for target, _year, _lane in data["nodes"]:
            x, y = positions[target.ident]
            text = ax.text(x, y, _short(target.title), ha="center", va="center", fontsize=7.5, zorder=2, color="#ffffff",
                           bbox={"boxstyle": "round,pad=0.25", "facecolor": "#2f5f8f", "edgecolor": "none"})
            text.set_url(_href(target, ctx))
            if target.ident in hubs:
                ax.text(x, y + ROW_HEIGHT * 0.62, f"← {hubs[target.ident]} point here", ha="center", va="center",
                        fontsize=6.5, color=grey, zorder=2)
        shown = [k for k in data["kinds"] if any(e[0] == k for e in data["edges"])]
        for i, label in enumerate(shown):
            name, style, colour, directed = EDGE_STYLES[label]
            x0 = 1.6 + i * 1.9
            ax.plot([x0, x0 + 0.45], [height - 0.22] * 2, linestyle=style, color=colour, linewidth=1.2)
            ax.text(x0 + 0.55, height - 0.22, name + (" →" if directed else ""), va="center", color=grey, fontsize=7.5)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", transparent=True, metadata={"Date": None, "Creator": None})
        plt.close(fig)
    scope = f"the techniques of {data['scope'].title}" if data["scope"] else "every technique in the knowledge base"
    kinds = ", ".join(EDGE_STYLES[k][0] for k in data["kinds"] if any(e[0] == k for e in data["edges"]))  # drawn ones only
    alt = f"Map of how {scope} relate ({kinds}): {len(data['nodes'])} techniques by year and family, {len(data['edges'])} relations."
    figure = nodes.container(classes=["kb-relmap"])
    figure += embed_svg(buffer.getvalue(), alt, "kbmap", data, "kb-relmap-scroll", "Relation map")
    hubs = (f" Lines into a technique that more than {MAX_INCOMING} others point to are left out and counted beside it."
            if data["hubs"] else "")
    figure += para(f"Columns are paper years and bands are families; each box links to its technique's page. Lines: {kinds}."
                   f"{hubs} The Related techniques section of each page lists the same relations as text.", classes=["kb-plot-caption"])
    return [figure]
