"""``kb:guide``: "which technique fits my constraint?", answered from the facets.

Every technique with its facets and its headline result (the first quality number its page
reports, with the source), grouped by what applying it takes, from "nothing at all" to
"training from scratch". Without JavaScript the groups read as static tables; with it,
``kb-guide.js`` turns the facets the rows carry into choices (only values some technique
uses), filters every group at once and keeps the choice in the URL.
"""

from __future__ import annotations

from docutils import nodes

from .common import badge, html_only, joined, json_data, link, ref, table
from .results import _source_cell

#: What applying a technique takes, in the order a practitioner prefers: (key, menu name, group heading).
EFFORT = (
    ("nothing", "Nothing but the trained model", "Nothing but the trained model: no training and no data"),
    ("calibration", "A calibration set, no training", "A calibration set, no training"),
    ("no-training", "No training", "No training (whether data is needed is not recorded)"),
    ("fine-tune", "Fine-tuning a trained model", "Fine-tuning a trained model"),
    ("from-scratch", "Training from scratch", "Training from scratch"),
    ("unknown", "Not recorded", "Not recorded"),
)
#: Facets a reader chooses by, with their labels and the names of their values.
CHOICES = (
    ("modality", "Modality", {}),
    ("stage", "Saves at", {"training": "training", "inference": "inference"}),
    ("effort", "Applying it takes", {key: name for key, name, _ in EFFORT}),
    ("target", "Reduces", {}),
    ("approximation", "Exact or approximate", {}),
    ("kernels", "Kernels", {"standard": "standard operations only", "custom": "custom kernels"}),
)


def effort(decl) -> str:
    data, applies = decl.get("data"), set(decl.get("applies", ()))
    if data == "none":
        return "nothing"
    if data == "calibration":
        return "calibration"
    if "no-training" in applies and data != "training":
        return "no-training"
    if "fine-tune" in applies:
        return "fine-tune"
    if "from-scratch" in applies:
        return "from-scratch"
    return "unknown"


def headline(cat, ident):
    """The first quality number the technique's page reports, with its setting and source."""
    for r in cat.results_for(technique=ident):
        for metric in cat.metrics.get(r.benchmark, ()):
            if metric.kind == "quality" and r.value(metric.id) is not None:
                home = cat.paper_home.get(r.source_key)
                return (link(cat, "benchmark", r.benchmark), metric.label, r.shown(metric.id), str(r.setting_value("model") or ""),
                        (r.source_key, r.source_where, link(cat, *home) if home else None))
    return None


def guide_data(cat, view, env):
    rows = []
    for ident in cat.ids("technique"):
        decl = cat.get("technique", ident)
        facets = (
            ("modality", tuple(decl.get("modality", ()))),
            ("stage", tuple(decl.get("stage", ()))),
            ("effort", (effort(decl),)),
            ("target", tuple(decl.get("targets", ()))),
            ("approximation", (decl.get("approximation"),) if decl.get("approximation") else ()),
            ("kernels", (decl.get("kernels"),) if decl.get("kernels") else ()),
        )
        rows.append((link(cat, "technique", ident), facets, headline(cat, ident)))
    return tuple(rows)


def _headline_cell(value, ctx):
    if value is None:
        return "—"
    bench, metric, shown, model, source = value
    return [nodes.strong(shown, shown), nodes.Text(f" {metric} on "), ref(bench, ctx),
            *([nodes.Text(f" ({model})")] if model else []), nodes.Text(" — "), *_source_cell(*source, ctx)]


def guide_build(data, ctx):
    from .tables import row_classes

    out = [html_only('<form class="kb-guide-form" aria-label="Constraints"></form>'
                     '<p class="kb-guide-status" aria-live="polite"></p>')]
    groups = {key: [] for key, _, _ in EFFORT}
    for target, facets, head in data:
        groups[dict(facets)["effort"][0]].append((target, facets, head))
    for key, _, heading in EFFORT:
        members = sorted(groups[key], key=lambda r: r[0].title.lower())
        if not members:
            continue
        section = nodes.container(classes=["kb-guide-group", f"kb-guide-group--{key}"])
        section += nodes.rubric(heading, heading)
        rows = []
        for target, facets, head in members:
            f = dict(facets)
            rows.append([[ref(target, ctx)],
                         joined((badge(m, "info") for m in f["modality"]), " ") if f["modality"] else "—",
                         ", ".join(f["stage"]) or "—",
                         joined((badge(t, "success") for t in f["target"]), " ") if f["target"] else "—",
                         ", ".join(f["approximation"]) or "—",
                         ", ".join(f["kernels"]) or "—",
                         _headline_cell(head, ctx)])
        wrapper = nodes.container(classes=["kb-table-wrap"])
        wrapper += table(["Technique", "Modality", "Saves at", "Reduces", "Exact", "Kernels", "Headline result"], rows,
                         classes=("kb-guide-table",),
                         row_classes=[row_classes(t.ident, facets) for t, facets, _ in members])
        section += wrapper
        out.append(section)
    labels = {facet: {"label": label, "values": names} for facet, label, names in CHOICES}
    out.append(json_data("kb-guide-choices", labels))
    return out
