"""``kb:compare``: chosen techniques side by side, one column each.

Rows: what a practitioner weighs (paper, venue, facets, complexity, kernels, code), then the
results on benchmarks at least two of them report. Results line up only within one setting
(the leaderboard's protocol keys: protocol, resolution, sequence length, extra data,
precision); a setting that only one chosen technique reports is kept, but flagged as not
aligned, so a reader never compares numbers from different settings by accident.

With ``:interactive:`` the directive renders the comparison page that summary tables send
ticked rows to: ``kb-compare.js`` builds the same rows in the browser from the exports.
"""

from __future__ import annotations

from docutils import nodes

from ..bib import short_venue
from .common import badge, external, html_only, joined, link, para, ref, table
from .results import PROTOCOL_KEYS, _metric_heading, _source_cell

FIELDS = (("paper", "Paper"), ("venue", "Venue"), ("categories", "Categories"), ("modality", "Modality"),
          ("targets", "Reduces"), ("stage", "Saves at"), ("applies", "Applies"), ("approximation", "Exact or approximate"),
          ("data", "Data needed"), ("kernels", "Kernels"), ("complexity", "Complexity"), ("hardware", "Hardware notes"),
          ("code", "Code"))


def _field(cat, ident, name):
    decl = cat.get("technique", ident)
    paper = cat.paper_of("technique", ident)
    if name == "paper":
        return decl.get("title") or (paper.title if paper else "")
    if name == "venue":
        return " ".join(x for x in (short_venue(paper.venue) if paper else "", paper.year if paper else "") if x)
    if name == "categories":
        return tuple(link(cat, "category", c) for c in cat.tech_categories.get(ident, ()))
    if name in ("modality", "targets", "stage", "applies"):
        return tuple(decl.get(name, ()))
    if name == "code":
        return (decl.get("code") or "", cat.code_status(ident))
    return decl.get(name) or ""


def setting_label(key: tuple[str, ...]) -> str:
    parts = [f"{name} {value}" if name else value for (_, name), value in zip(PROTOCOL_KEYS, key) if value]
    return ", ".join(parts) or "no setting recorded"


def aligned_results(cat, ids, benchmarks=None):
    """Rows of (benchmark link, metric heading, setting label, aligned, cells): one row per
    benchmark, metric and comparable setting that any chosen technique reports."""
    rows = []
    wanted = benchmarks or sorted({r.benchmark for i in ids for r in cat.results_for(technique=i)})
    for bench in wanted:
        by_tech = {i: cat.results_for(technique=i, benchmark=bench) for i in ids}
        if not benchmarks and sum(1 for rs in by_tech.values() if rs) < 2:
            continue  # a benchmark only one of them reports compares nothing
        for metric in cat.metrics.get(bench, ()):
            groups: dict[tuple, dict[str, list]] = {}
            for ident, results in by_tech.items():
                for r in results:
                    if r.value(metric.id) is None:
                        continue
                    key = tuple(str(r.setting_value(k) or "") for k, _ in PROTOCOL_KEYS)
                    groups.setdefault(key, {}).setdefault(ident, []).append(
                        (r.shown(metric.id), str(r.setting_value("model") or ""), (r.source_key, r.source_where,
                         link(cat, *cat.paper_home[r.source_key]) if r.source_key in cat.paper_home else None)))
            for key in sorted(groups, key=lambda k: (-len(groups[k]), k)):
                cells = tuple(tuple(groups[key].get(i, ())) for i in ids)
                rows.append((link(cat, "benchmark", bench), _metric_heading(metric), setting_label(key),
                             len(groups[key]) > 1, cells))
    return tuple(rows)


def compare_data(cat, view, env):
    if view.get("interactive"):
        return {"interactive": True}
    ids = tuple(dict.fromkeys(r for r in (cat.resolve("technique", t) for t in view.get("techniques", ())) if r))
    return {
        "techniques": tuple(link(cat, "technique", i) for i in ids),
        "fields": tuple((label, tuple(_field(cat, i, name) for i in ids)) for name, label in FIELDS),
        "results": aligned_results(cat, ids, view.get("benchmarks")),
    }


def _field_cell(label, value, ctx):
    if label == "Categories":
        return joined(ref(c, ctx) for c in value)
    if label == "Code":
        url, status = value
        return [external(url, "code"), nodes.Text(f" ({status})")] if url else status or "—"
    if label in ("Modality", "Reduces"):
        return joined((badge(v, "info" if label == "Modality" else "success") for v in value), " ") if value else "—"
    if isinstance(value, tuple):
        return ", ".join(value) or "—"
    return value or "—"


def _result_cell(entries, ctx):
    if not entries:
        return "—"
    out = []
    for shown, model, source in entries:
        if out:
            out.append(nodes.Text("; "))
        out.append(nodes.strong(shown, shown))
        if model:
            out.append(nodes.Text(f" ({model})"))
        out.append(nodes.Text(" — "))
        out += _source_cell(*source, ctx)
    return out


def compare_build(data, ctx):
    if data.get("interactive"):
        return [html_only('<div class="kb-compare-app" aria-live="polite"></div>'),
                para("Tick two or more rows in any summary table and choose \u201cCompare\u201d; this page then lays "
                     "them out side by side. It needs JavaScript; the comparison pages under Practitioner\u2019s "
                     "guides are static.", classes=["kb-compare-noscript"])]
    if len(data["techniques"]) < 2:
        return [para("A comparison needs at least two known techniques.", classes=["kb-empty"])]
    headers = [""] + [t.title for t in data["techniques"]]
    rows, row_classes = [], []
    for label, values in data["fields"]:
        rows.append([[nodes.strong(label, label)], *(_field_cell(label, v, ctx) for v in values)])
        row_classes.append(["kb-compare-field"])
    for bench, metric, setting, aligned, cells in data["results"]:
        head = [ref(bench, ctx), nodes.Text(f": {metric}"), nodes.inline("", f" {setting}", classes=["kb-setting"])]
        if not aligned:
            head.append(nodes.inline("", " (not aligned: only one of them reports this setting)", classes=["kb-unaligned-note"]))
        rows.append([head, *(_result_cell(c, ctx) for c in cells)])
        row_classes.append(["kb-compare-result", "kb-aligned" if aligned else "kb-unaligned"])
    tbl = table(headers, rows, classes=("kb-compare",), row_classes=row_classes)
    header_row = tbl.next_node(nodes.thead).next_node(nodes.row)
    for entry, target in zip(list(header_row.children)[1:], data["techniques"]):
        entry.children[0].replace_self(para(ref(target, ctx)))
    wrapper = nodes.container(classes=["kb-table-wrap", "kb-compare-wrap"])
    wrapper += tbl
    out = [wrapper]
    if not data["results"]:
        out.append(para("None of the benchmarks tracked here has results for two of these techniques.", classes=["kb-empty"]))
    return out
