"""Quality-versus-cost plots, drawn at build time as inline SVG (no script, no CDN).

A leaderboard draws one default plot (its first quality metric against the first cost
metric with enough points); ``kb:plot`` draws a chosen pair, optionally restricted to one
setting (``:where: hardware=RTX 3090``), with the Pareto front marked. Every point is a
link to its technique's page and the front's points are labelled, so each is identifiable.

Text is drawn as paths, so author text never reaches the markup; the SVG is deterministic
(fixed hash salt, no date), so two builds give identical bytes.
"""

from __future__ import annotations

import hashlib
import io
import re

from docutils import nodes

from .common import link, page_link, para

MIN_POINTS = 2
MAX_LEGEND = 12
MAX_LABELS = 8  # labelled points of the Pareto front
LOG_RANGE = 30  # x values spanning more than this factor use a log axis


def plot_data(cat, bench: str, results, x: str | None = None, y: str | None = None, where: str | None = None,
              pareto: bool = False) -> dict | None:
    """What one plot shows, or None when fewer than two points qualify.

    A point is one result reporting both metrics. With ``where`` (``name=value``), x values
    come only from results in that setting, and each is paired with the y value that the same
    source reports for the same technique and model when the row itself has none (e.g. LRA
    accuracy from one table against its throughput at 4K from another)."""
    metrics = {m.id: m for m in cat.metrics.get(bench, ())}
    quality = metrics.get(y) if y else next((m for m in metrics.values() if m.kind == "quality"), None)
    if quality is None:
        return None
    costs = [metrics[x]] if x in metrics else [m for m in metrics.values() if m.kind == "cost"]
    conditions = parse_where(where)
    for cost in costs:
        if conditions:
            ys = {_pair(r): r.value(quality.id) for r in results if r.value(quality.id) is not None}
            pairs = [(r, r.value(quality.id) if r.value(quality.id) is not None else ys.get(_pair(r))) for r in results
                     if r.value(cost.id) is not None and all(_matches(r.setting_value(k), v) for k, v in conditions)]
        else:
            pairs = [(r, r.value(quality.id)) for r in results if r.value(cost.id) is not None]
        points = tuple((link(cat, "technique", r.technique), str(r.setting_value("model") or ""), r.value(cost.id), yv)
                       for r, yv in pairs if yv is not None)
        if len(points) >= MIN_POINTS:
            return {
                "x": _label(cost) + "".join(f", {k} {v.lstrip('~')}" if v else f", no {k}" for k, v in conditions),
                "y": _label(quality),
                "points": points,
                "front": pareto_front(points, cost.better, quality.better) if pareto else (),
            }
    return None


def _matches(value, wanted: str) -> bool:
    """A setting equals the wanted text (``~`` in front: contains it); an empty wanted value means "not set"."""
    if wanted.startswith("~"):
        return value is not None and wanted[1:] in str(value)
    return (value in (None, "")) if wanted == "" else str(value) == wanted


def parse_where(where: str | None) -> tuple[tuple[str, str], ...]:
    """``"hardware=RTX 3090; batch-size=32"`` -> (("hardware", "RTX 3090"), ("batch-size", "32")).
    ``extra-data=`` (nothing after ``=``) selects results without that setting; ``model~=LLaMA-2-7B``
    selects settings that contain the text."""
    out = []
    for part in (where or "").split(";"):
        if part.strip():
            name, _, value = part.partition("=")
            if name.rstrip().endswith("~"):  # name~=text: the setting contains the text
                name, value = name.rstrip()[:-1], "~" + value.strip()
            out.append((name.strip(), value.strip()))
    return tuple(out)


def pareto_front(points, x_better: str, y_better: str) -> tuple[int, ...]:
    """Indices of the points no other point beats on both axes, ordered along x."""
    def sign(better):
        return 1 if better == "higher" else -1

    sx, sy = sign(x_better), sign(y_better)
    front = []
    for i, (_, _, xi, yi) in enumerate(points):
        dominated = any(sx * xj >= sx * xi and sy * yj >= sy * yi and (xj, yj) != (xi, yi)
                        for j, (_, _, xj, yj) in enumerate(points) if j != i)
        if not dominated:
            front.append(i)
    return tuple(sorted(front, key=lambda i: (points[i][2], points[i][3])))


def _pair(r) -> tuple:
    return (r.technique, r.source_key, str(r.setting_value("model") or ""))


def _label(metric) -> str:
    arrow = "higher is better" if metric.better == "higher" else "lower is better"
    unit = f" ({metric.unit})" if metric.unit else ""
    return f"{metric.label}{unit}, {arrow}"


def _href(target, ctx) -> str | None:
    node = page_link(target.docname, target.title, ctx, anchor=target.anchor) if target.docname else None
    return node.get("refuri") if isinstance(node, nodes.reference) else None


def plot_build(data, ctx) -> list[nodes.Node]:
    if data is None or ctx.builder.format != "html":  # an inline SVG is HTML; the tables carry the data elsewhere
        return []
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    points, front = data["points"], data["front"]
    techniques = sorted({p[0].title for p in points})
    grey = "#808080"
    with matplotlib.rc_context({"svg.hashsalt": "etkb", "svg.fonttype": "none", "font.size": 9,
                                "text.color": grey, "axes.labelcolor": grey, "axes.edgecolor": grey,
                                "xtick.color": grey, "ytick.color": grey}):
        fig, ax = plt.subplots(figsize=(6.4, 4.2), layout="constrained")
        colors = plt.get_cmap("tab10")
        series = [(name, [p for p in points if p[0].title == name]) for name in techniques] \
            if len(techniques) <= MAX_LEGEND else [(None, list(points))]  # a legend of hundreds would hide the points
        tips = []  # the name of each linked point, in the order Matplotlib writes the links
        for i, (name, pts) in enumerate(series):
            dots = ax.scatter([p[2] for p in pts], [p[3] for p in pts], label=name, color=colors(i % 10),
                              s=28 if name else 14, alpha=1 if name else 0.7)
            urls = [_href(p[0], ctx) for p in pts]
            dots.set_urls(urls)  # each point links to its technique's page
            tips += [f"{p[0].title}" + (f" ({p[1]})" if p[1] else "") + f": {p[3]:g}, {p[2]:g}" for p, u in zip(pts, urls) if u]
        if front:
            fx, fy = [points[i][2] for i in front], [points[i][3] for i in front]
            ax.plot(fx, fy, color=grey, linewidth=1, linestyle="--", label="Pareto front", zorder=0)
            xs = [p[2] for p in points]
            middle = (min(xs) * max(xs)) ** 0.5 if min(xs) > 0 and max(xs) / min(xs) > LOG_RANGE else (min(xs) + max(xs)) / 2
            step = max(1, -(-len(front) // MAX_LABELS))  # label every k-th point of a long front, so labels stay legible
            for i in front[::step]:
                target, model, px, py = points[i]
                right = px > middle  # label towards the inside of the axes
                note = ax.annotate(model or target.title, (px, py), textcoords="offset points", xytext=(-5 if right else 5, 5),
                                   ha="right" if right else "left", fontsize=7)
                note.set_in_layout(False)  # a long label must not shrink the axes
        xs = [p[2] for p in points]
        if min(xs) > 0 and max(xs) / min(xs) > LOG_RANGE:  # costs spanning orders of magnitude: a log axis
            ax.set_xscale("log")
        ax.set_xlabel(data["x"] + (" (log scale)" if ax.get_xscale() == "log" else ""))
        ax.set_ylabel(data["y"])
        ax.grid(True, alpha=0.3)
        if len(techniques) <= MAX_LEGEND or front:
            ax.legend(fontsize=7, frameon=False, loc="best", labelcolor=grey)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", transparent=True, bbox_inches="tight", metadata={"Date": None, "Creator": None})
        plt.close(fig)
    alt = f"Scatter plot of {data['y']} against {data['x']} for {len(points)} results of {len(techniques)} techniques."
    figure = nodes.container(classes=["kb-plot"])
    figure += embed_svg(name_points(buffer.getvalue(), tips), alt, "kbplot", data, "kb-plot-scroll", "Plot")
    caption = (f"{data['y']} against {data['x']}: one point per reported result, each a link to its technique's page"
               + ("; the dashed line joins the Pareto front (no other point is better on both axes)" if front else "")
               + ". The tables give each point's setting and source.")
    figure += para(caption, classes=["kb-plot-caption"])
    return [figure]


def plot_view_data(cat, view, env):
    """``kb:plot``: one chosen plot of a benchmark's results."""
    bench = view.get("argument")
    if cat.get("benchmark", bench) is None:
        return None
    return plot_data(cat, bench, cat.results_for(benchmark=bench), x=view.get("x"), y=view.get("y"),
                     where=view.get("where"), pareto=bool(view.get("pareto")))


def plot_view_build(data, ctx):
    if data is None:
        return [para("Not enough results report both metrics of this plot yet.", classes=["kb-empty"])]
    return plot_build(data, ctx)


def name_points(svg: str, tips: list[str]) -> str:
    """Give each linked point a ``<title>`` (its technique, model and values): on a phone, where no
    legend can name 150 points, a tap or hover says which point is which."""
    import html

    names = iter(tips)
    return re.sub(r'(<a xlink:href="[^"]*"[^>]*>)', lambda m: m.group(1) + f"<title>{html.escape(next(names, ''))}</title>", svg)


def embed_svg(svg: str, alt: str, kind: str, data, scroll_class: str, label: str) -> nodes.raw:
    """A Matplotlib SVG as inline HTML: its comments dropped, an accessible name, ids of its own,
    in a box that scrolls sideways on a phone (``tabindex`` lets a keyboard reach and scroll it)."""
    svg = svg[svg.index("<svg"):]
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)  # Matplotlib's comments only add weight
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(alt)}" ', 1)
    # Matplotlib numbers its element ids from 1 in every figure; a page with several figures would
    # repeat them, so each figure's ids (and the references to them) get a prefix of their own
    prefix = f"{kind}-" + hashlib.sha1(repr(data).encode("utf-8")).hexdigest()[:10] + "-"
    svg = re.sub(r'(\bid=")', r"\1" + prefix, svg)
    svg = re.sub(r'(url\(#|xlink:href="#|\bhref="#)', r"\1" + prefix, svg)
    return nodes.raw("", f'<div class="{scroll_class}" tabindex="0" role="group" aria-label="{label}">{svg}</div>', format="html")


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
