"""In-place views of repositories and benchmarks."""

from __future__ import annotations

from docutils import nodes

from .common import badge, external, field_list, joined, para, xref


def repo_data(cat, view, env):
    repo = cat.repos.get(view.get("repo"))
    if repo is None or repo.docname != view.docname:
        return None
    return (repo.title, repo.url, repo.kind, repo.description,
            tuple((t, cat.title("technique", t)) for t in repo.techniques))


def repo_build(data, ctx):
    if data is None:
        return []
    title, url, kind, description, techniques = data
    out = [para(external(url, title), nodes.Text(" "), badge(kind, "primary"), classes=["kb-repo-title"])]
    if description:
        out.append(para(description, classes=["kb-repo-description"]))
    if techniques:
        out.append(para("Techniques: ", *joined(xref("technique", t, tt, ctx.docname) for t, tt in techniques),
                        classes=["kb-repo-techniques"]))
    return out


def benchmark_card_data(cat, view, env):
    ident = view.get("benchmark")
    decl = cat.get("benchmark", ident)
    if decl is None or decl.docname != view.docname:
        return None
    paper = cat.paper_of("benchmark", ident)
    return {
        "task": decl.get("task") or "",
        "url": decl.get("url") or "",
        "modality": decl.get("modality", ()),
        "paper": (paper.title, ", ".join(paper.authors), paper.venue, paper.year) if paper else None,
        "metrics": tuple((m.label, m.unit, m.better, m.kind) for m in cat.metrics.get(ident, ())),
        "count": len(cat.results_for(benchmark=ident)),
    }


def benchmark_card_build(data, ctx):
    if data is None:
        return []
    paper = data["paper"]
    rows = [
        ("Task", data["task"]),
        ("Paper", f"{paper[0]} — {paper[1]}. {paper[2]} ({paper[3]})" if paper else ""),
        ("Modality", joined(badge(m, "info") for m in data["modality"]) if data["modality"] else []),
        ("Metrics", "; ".join(f"{label}{f' ({unit})' if unit else ''}, {better} is better, {kind}"
                              for label, unit, better, kind in data["metrics"])),
        ("Results recorded", str(data["count"])),
        ("Website", [external(data["url"])] if data["url"] else []),
    ]
    return [field_list(rows)]


def repos_data(cat, view, env):
    return None


def repos_build(data, ctx):
    return []
