"""``kb:vocabulary``: the ids an author may use, read from the catalogue the build validates
against, so the authoring reference cannot drift: every category (as a tree) and every
benchmark with its metric ids, units and direction."""

from __future__ import annotations

from docutils import nodes

from .common import link, para, ref, table


def vocabulary_data(cat, view, env):
    def tree(ident):
        return (link(cat, "category", ident), tuple(tree(c) for c in cat.children.get(ident, ())))

    return {
        "categories": tuple(tree(r) for r in cat.roots),
        "benchmarks": tuple(
            (link(cat, "benchmark", b), tuple((m.id, m.label, m.unit, m.better, m.kind) for m in cat.metrics.get(b, ())))
            for b in cat.ids("benchmark")
        ),
    }


def vocabulary_build(data, ctx):
    def build(items):
        lst = nodes.bullet_list(classes=["kb-vocabulary"])
        for category, children in items:
            item = nodes.list_item()
            item += para(nodes.literal(category.ident, category.ident), nodes.Text(" "), ref(category, ctx))
            if children:
                item += build(children)
            lst += item
        return lst

    out = [nodes.rubric("Category ids", "Category ids"), build(data["categories"]),
           nodes.rubric("Benchmark and metric ids", "Benchmark and metric ids")]
    for bench, metrics in data["benchmarks"]:
        out.append(para(nodes.literal(bench.ident, bench.ident), nodes.Text(" "), ref(bench, ctx)))
        rows = [[nodes.literal(m, m), label, unit, better, kind] for m, label, unit, better, kind in metrics]
        out.append(table(["Metric id", "Label", "Unit", "Better", "Kind"], rows, classes=("kb-reference-table",)) if rows
                   else para("No metrics declared.", classes=["kb-empty"]))
    return out
