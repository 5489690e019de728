"""In-place views of repositories and benchmarks."""

from __future__ import annotations

from docutils import nodes

from .common import badge, external, field_list, joined, link, para, ref


def repo_data(cat, view, env):
    repo = cat.repos.get(view.get("repo"))
    if repo is None or repo.docname != view.docname:
        return None
    return (repo.title, repo.url, repo.kind, repo.description,
            tuple(link(cat, "technique", t) for t in repo.techniques))


def repo_build(data, ctx):
    if data is None:
        return []
    title, url, kind, description, techniques = data
    out = [para(external(url, title), nodes.Text(" "), badge(kind, "primary"), classes=["kb-repo-title"])]
    if description:
        out.append(para(description, classes=["kb-repo-description"]))
    if techniques:
        out.append(para("Techniques: ", *joined(ref(t, ctx) for t in techniques),
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
    kinds = view.get("kind") or tuple(env.config.kb_repo_kinds)
    groups = []
    for kind in kinds:
        repos = tuple(
            (r.id, r.title, r.url, r.description, tuple(link(cat, "technique", t) for t in r.techniques))
            for r in cat.repos.values() if r.kind == kind
        )
        if repos:
            groups.append((kind, repos))
    return tuple(groups)


KIND_TITLES = {
    "official-code": "Official code", "library": "Libraries", "awesome-list": "Awesome lists",
    "paper-list": "Paper lists", "course": "Courses", "benchmark": "Benchmarks", "website": "Websites", "tool": "Tools",
}


def repos_build(data, ctx):
    out = []
    for kind, repos in data:
        title = KIND_TITLES.get(kind, kind)
        rubric = nodes.rubric(title, title, classes=["kb-repo-kind"])
        items = nodes.bullet_list(classes=["kb-repo-list"])
        for _rid, rtitle, url, description, techniques in repos:
            item = nodes.list_item()
            children = [external(url, rtitle)]
            if description:
                children.append(nodes.Text(f" — {description}"))
            if techniques:
                children.append(nodes.Text(" Used by: "))
                children += joined(ref(t, ctx) for t in techniques)
            item += para(*children)
            items += item
        out += [rubric, items]
    return out or [para("No repositories are declared yet.", classes=["kb-empty"])]
