"""Accuracy-versus-cost plots, drawn at build time as inline SVG (no script, no CDN).

Text is drawn as paths, so author text never reaches the markup; the SVG is
deterministic (fixed hash salt, no date), so two builds give identical bytes.
"""

from __future__ import annotations

import io
import re

from docutils import nodes

from .common import para

MIN_POINTS = 2
MAX_LEGEND = 12


def plot_data(cat, bench: str, results, x: str | None = None, y: str | None = None, where: str | None = None) -> tuple | None:
    """(x label, y label, points) of quality against cost, else None.

    A point is one result reporting both metrics. With ``where`` (``name=value``), x values
    come only from results in that setting, and each is paired with the y value that the same
    source reports for the same technique and model (e.g. LRA accuracy from one table against
    its throughput at 4K from another)."""
    metrics = {m.id: m for m in cat.metrics.get(bench, ())}
    quality = metrics.get(y) if y else next((m for m in metrics.values() if m.kind == "quality"), None)
    if quality is None:
        return None
    costs = [metrics[x]] if x in metrics else [m for m in metrics.values() if m.kind == "cost"]
    name, _, value = (where or "").partition("=")
    for cost in costs:
        if where:
            ys = {_pair(r): r.value(quality.id) for r in results if r.value(quality.id) is not None}
            pairs = [(r, ys.get(_pair(r))) for r in results
                     if r.value(cost.id) is not None and str(r.setting_value(name.strip())) == value.strip()]
        else:
            pairs = [(r, r.value(quality.id)) for r in results if r.value(cost.id) is not None]
        points = tuple((cat.title("technique", r.technique), str(r.setting_value("model") or ""), r.value(cost.id), yv)
                       for r, yv in pairs if yv is not None)
        if len(points) >= MIN_POINTS:
            return (_label(cost) + (f" at {where.strip()}" if where else ""), _label(quality), points)
    return None


def _pair(r) -> tuple:
    return (r.technique, r.source_key, str(r.setting_value("model") or ""))


def _label(metric) -> str:
    arrow = "higher is better" if metric.better == "higher" else "lower is better"
    unit = f" ({metric.unit})" if metric.unit else ""
    return f"{metric.label}{unit}, {arrow}"


def plot_build(data, ctx) -> list[nodes.Node]:
    if data is None:
        return []
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    xlabel, ylabel, points = data
    techniques = sorted({p[0] for p in points})
    grey = "#808080"
    with matplotlib.rc_context({"svg.hashsalt": "etkb", "svg.fonttype": "path", "font.size": 9,
                                "text.color": grey, "axes.labelcolor": grey, "axes.edgecolor": grey,
                                "xtick.color": grey, "ytick.color": grey}):
        fig, ax = plt.subplots(figsize=(6.4, 4.0), layout="constrained")
        colors = plt.get_cmap("tab10")
        if len(techniques) <= MAX_LEGEND:  # one labelled series per technique
            for i, name in enumerate(techniques):
                xs = [p[2] for p in points if p[0] == name]
                ys = [p[3] for p in points if p[0] == name]
                ax.scatter(xs, ys, label=name, color=colors(i % 10), s=28)
        else:  # one series: a legend of hundreds would hide the points, and cost seconds
            ax.scatter([p[2] for p in points], [p[3] for p in points], color=colors(0), s=14, alpha=0.7)
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.grid(True, alpha=0.3)
        if len(techniques) <= MAX_LEGEND:  # a longer legend would hide the points
            ax.legend(fontsize=7, frameon=False, loc="best", labelcolor=grey)
        buffer = io.StringIO()
        fig.savefig(buffer, format="svg", transparent=True, metadata={"Date": None, "Creator": None})
        plt.close(fig)
    svg = buffer.getvalue()
    svg = svg[svg.index("<svg"):]
    # matplotlib labels each glyph run with an (escaped) comment; drop them, they only add weight
    svg = re.sub(r"<!--.*?-->\n?", "", svg, flags=re.S)
    alt = f"Scatter plot of {ylabel} against {xlabel} for {len(points)} results of {len(techniques)} techniques."
    svg = svg.replace("<svg ", f'<svg role="img" aria-label="{_attr(alt)}" ', 1)
    figure = nodes.container(classes=["kb-plot"])
    figure += nodes.raw("", svg, format="html")
    figure += para(f"Accuracy versus cost: {ylabel} against {xlabel}, one point per reported result; "
                   "the tables above give each point's setting and source.", classes=["kb-plot-caption"])
    return [figure]


def _attr(text: str) -> str:
    return text.replace("&", "&amp;").replace('"', "&quot;").replace("<", "&lt;").replace(">", "&gt;")
