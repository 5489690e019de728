"""Result rows on technique pages and leaderboards on benchmark pages. Every number
carries its setting and a link to its source (bib key plus table or section)."""

from __future__ import annotations

import re

from docutils import nodes

from . import plots
from .common import external, link, para, ref, table

SETTING_COLUMNS = (("model", "Model"), ("resolution", "Res."), ("seq-len", "Seq. len"), ("precision", "Precision"),
                   ("hardware", "Hardware"), ("batch-size", "Batch"), ("extra-data", "Extra data"), ("teacher", "Teacher"),
                   ("epochs", "Epochs"), ("baseline", "Baseline"), ("protocol", "Protocol"))


#: Settings that make results non-comparable: a leaderboard ranks each combination apart.
#: A row's ``:protocol:`` (e.g. numbers a later paper reports for its own model) comes first.
PROTOCOL_KEYS = (("protocol", ""), ("resolution", "resolution"), ("seq-len", "sequence length"),
                 ("extra-data", "extra data"), ("precision", "precision"))


def _metric_heading(metric) -> str:
    arrow = "↑" if metric.better == "higher" else "↓"
    return f"{metric.label} ({metric.unit}) {arrow}" if metric.unit else f"{metric.label} {arrow}"


def _row_data(cat, r):
    home = cat.paper_home.get(r.source_key)
    return {
        "technique": link(cat, "technique", r.technique),
        "setting": tuple((k, str(v)) for k, v in r.setting),
        "values": tuple((m, raw) for m, _, raw in r.values),
        "source": (r.source_key, r.source_where, link(cat, *home) if home else None),
    }


def results_table_data(cat, results, bench, with_technique: bool, ranked_by: str | None = None):
    metrics = cat.metrics.get(bench, ())
    used = {m for r in results for m, _, _ in r.values}
    metrics = tuple(m for m in metrics if m.id in used)
    present = {k for r in results for k, v in r.setting if v is not None and v != ""}
    settings = tuple((k, label) for k, label in SETTING_COLUMNS if k in present)
    return {
        "benchmark": link(cat, "benchmark", bench),
        "metrics": tuple((m.id, _metric_heading(m)) for m in metrics),
        "better": tuple(m.better for m in metrics),
        "settings": settings,
        "notes": "note" in present,
        "rows": tuple(_row_data(cat, r) for r in results),
        "with_technique": with_technique,
        "ranked_by": ranked_by,  # the metric the rows are ordered by, best first
    }


README_SOURCE = re.compile(r"^official repository README \((?P<where>[^)]+)\)$")
URL_LIKE = re.compile(r"^(https?://)?[\w-]+(\.[\w-]+)*\.[a-z]{2,}/\S*$")  # e.g. github.com/org/repo


def _source_cell(key: str, where: str, home, ctx) -> list:
    """``key, Table N``; the key links to the page whose Reference section formats that paper.

    A README source is shown as a short "README" link to it rather than its whole text, which
    repeated on every row made wide tables wider."""
    label = nodes.literal(key, key, classes=["kb-source-key"])
    if home:
        label = ref(home, ctx, content=label)
    readme = README_SOURCE.match(where)
    if readme and URL_LIKE.match(readme["where"]):
        url = readme["where"] if readme["where"].startswith(("http://", "https://")) else f"https://{readme['where']}"
        link = external(url, "README")
        if isinstance(link, nodes.reference):
            link["reftitle"] = f"official repository README ({readme['where']})"
        return [label, nodes.Text(", "), link]
    return [label, nodes.Text(f", {where}")]


def results_table_build(data, ctx, classes=("kb-results",)):
    headers = []
    if data["with_technique"]:
        headers.append("Technique")
    headers += [label for _, label in data["settings"]]
    headers += [label for _, label in data["metrics"]]
    headers.append("Source")
    if data["notes"]:
        headers.append("Note")
    numeric = ([False] if data["with_technique"] else []) + [False] * len(data["settings"]) + \
        [True] * len(data["metrics"]) + [False] + ([False] if data["notes"] else [])
    rows = []
    for row in data["rows"]:
        setting = dict(row["setting"])
        values = dict(row["values"])
        cells = []
        if data["with_technique"]:
            cells.append([ref(row["technique"], ctx)])
        cells += [setting.get(k, "") for k, _ in data["settings"]]
        cells += [values.get(m, "–") for m, _ in data["metrics"]]
        cells.append(_source_cell(*row["source"], ctx))
        if data["notes"]:
            cells.append(setting.get("note", ""))
        rows.append(cells)
    better = [()] * (len(headers) - len(data["metrics"]) - 1 - (1 if data["notes"] else 0))
    better += [(f"kb-better-{b}",) for b in data["better"]] + [()] * (1 + (1 if data["notes"] else 0))
    metric_ids = [m for m, _ in data["metrics"]]
    sorted_by = None
    if data.get("ranked_by") in metric_ids:
        index = metric_ids.index(data["ranked_by"])
        column = len(headers) - len(metric_ids) - 1 - (1 if data["notes"] else 0) + index
        sorted_by = (column, "descending" if data["better"][index] == "higher" else "ascending")
    tbl = table(headers, rows, classes=classes, numeric=numeric, header_classes=better, sorted_by=sorted_by)
    title = nodes.title()
    title += ref(data["benchmark"], ctx)
    tbl.insert(0, title)
    tbl["ids"].append(ctx.new_id("kb-results"))  # a captioned table needs an id
    wrapper = nodes.container(classes=["kb-table-wrap"])  # scrolls sideways on a phone
    wrapper += tbl
    return [wrapper]


def result_data(cat, view, env):
    """A run of adjacent kb:result blocks for one benchmark (see :func:`etkb.placeholder.collect_views`)."""
    found = [cat.result_at(view.docname, line) for line in view.get("lines", ())]
    found = [r for r in found if r is not None]  # a result the catalogue rejected is reported, not shown
    if not found:
        return None
    return results_table_data(cat, found, found[0].benchmark, with_technique=False)


def result_build(data, ctx):
    return results_table_build(data, ctx) if data is not None else []


def leaderboard_data(cat, view, env):
    bench = view.get("argument")
    if cat.get("benchmark", bench) is None:
        return ("unknown", bench)
    results = cat.results_for(benchmark=bench)
    if not results:
        return {"empty": bench}
    metrics = cat.metrics.get(bench, ())
    wanted = view.get("sort") or next((m.id for m in metrics if m.kind == "quality"), None)

    def sort_metric_of(rows):
        """The sort metric; a table none of whose rows has it ranks by its first metric."""
        return wanted if any(r.value(wanted) is not None for r in rows) else \
            next((m.id for m in metrics if any(r.value(m.id) is not None for r in rows)), None)

    def ranked(rows):
        """Best first by the sort metric."""
        sort_metric = sort_metric_of(rows)
        metric = next((m for m in metrics if m.id == sort_metric), None)

        def key(r):
            v = r.value(sort_metric) if sort_metric else None
            missing = v is None
            v = 0.0 if v is None else (-v if metric is None or metric.better == "higher" else v)
            return (missing, v, r.technique, r.docname, r.lineno)
        return sorted(rows, key=key)

    # keep non-comparable protocols apart: one table per (protocol, resolution, seq-len, extra-data, precision)
    groups: dict[tuple, list] = {}
    for r in results:
        protocol = tuple(str(r.setting_value(k) or "") for k, _ in PROTOCOL_KEYS)
        groups.setdefault(protocol, []).append(r)
    paper = cat.get("benchmark", bench).get("paper")

    def label(protocol, rows) -> str:
        parts = [f"{name} {value}" if name else value for (_, name), value in zip(PROTOCOL_KEYS, protocol) if value]
        if paper and all(r.source_key == paper for r in rows):
            parts.insert(0, "the benchmark paper's own runs")
        return ", ".join(parts) or "no setting recorded"

    return {
        "plot": None if view.get("no-plot") else plots.plot_data(cat, bench, results),
        "groups": tuple(
            (label(protocol, rs), results_table_data(cat, ranked(rs), bench, with_technique=True, ranked_by=sort_metric_of(rs)))
            for protocol, rs in sorted(groups.items())
        ),
    }


def leaderboard_build(data, ctx):
    if isinstance(data, tuple):
        return [para(f"Unknown benchmark {data[1]!r}.", classes=["kb-empty"])]
    if "empty" in data:
        return [para("No results are recorded for this benchmark yet.", classes=["kb-empty"])]
    out = []
    for label, table_data in data["groups"]:
        if len(data["groups"]) > 1:
            out.append(para("Protocol: " + label, classes=["kb-protocol"]))
        out += results_table_build(table_data, ctx, classes=("kb-results", "kb-leaderboard", "kb-sortable"))
    return out + plots.plot_build(data["plot"], ctx)
