"""The catalogue: every page's declarations resolved against each other.

Built in the main process after all pages are read (``env-updated``), from the domain's
records sorted by (kind, id, docname, line), so the result and the warnings do not
depend on read order or on how ``-j`` split the work. It is never pickled: it is rebuilt
on every build from the small records, which is cheap (one pass, dict indexes).
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlparse

from .bib import Paper
from .diagnostics import KbWarning, did_you_mean
from .records import Decl, Problem, RefUse
from .schema import RELATIONS, RESULT, FieldError, parse_number

#: The options of kb:result that describe a row's setting (what kb:plot's :where: may select on).
SETTING_NAMES = frozenset(f.name for f in RESULT.fields) - {"technique", "benchmark", "source", "note"}

ROLE_KINDS = {"tech": "technique", "cat": "category", "repo": "repo", "bench": "benchmark"}


@dataclass(frozen=True, slots=True)
class Metric:
    id: str
    benchmark: str
    label: str
    unit: str
    better: str
    kind: str


@dataclass(frozen=True, slots=True)
class Result:
    technique: str
    benchmark: str
    source_key: str
    source_where: str
    setting: tuple[tuple[str, Any], ...]
    values: tuple[tuple[str, float, str], ...]  # metric, value, as the author wrote it
    docname: str
    lineno: int

    def value(self, metric: str) -> float | None:
        return next((v for m, v, _ in self.values if m == metric), None)

    def shown(self, metric: str) -> str:
        return next((raw for m, _, raw in self.values if m == metric), "")

    def setting_value(self, name: str) -> Any:
        return dict(self.setting).get(name)


@dataclass(frozen=True, slots=True)
class Repo:
    id: str
    title: str
    url: str
    kind: str
    description: str
    techniques: tuple[str, ...]
    docname: str
    anchor: str


@dataclass
class Catalog:
    """Resolved objects and the indexes the views need; built by :func:`build_catalog`."""

    objects: dict[tuple[str, str], Decl] = field(default_factory=dict)
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    aliases: dict[str, str] = field(default_factory=dict)
    papers: dict[str, Paper] = field(default_factory=dict)
    children: dict[str, tuple[str, ...]] = field(default_factory=dict)
    roots: tuple[str, ...] = ()
    tech_categories: dict[str, tuple[str, ...]] = field(default_factory=dict)
    metrics: dict[str, tuple[Metric, ...]] = field(default_factory=dict)
    results: tuple[Result, ...] = ()
    repos: dict[str, Repo] = field(default_factory=dict)
    relations: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    paper_home: dict[str, tuple[str, str]] = field(default_factory=dict)  # bib key -> (kind, id) whose page shows it
    referenced_by: dict[tuple[str, str], tuple[str, ...]] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    # indexes, filled once by build_catalog, so every lookup a view makes is O(answer)
    by_kind: dict[str, tuple[str, ...]] = field(default_factory=dict)
    members: dict[str, tuple[str, ...]] = field(default_factory=dict)  # category -> direct member techniques
    results_by: dict[tuple[str, str], tuple[Result, ...]] = field(default_factory=dict)  # ("technique"|"benchmark", id)
    results_at: dict[tuple[str, int], Result] = field(default_factory=dict)  # (docname, line) -> the result declared there
    links: dict = field(default_factory=dict)  # (kind, id) -> resolved Link, filled by views as they ask
    papers_complete: bool = True  # False when a bib file was withheld: unknown keys are not reported again

    # --- lookups -------------------------------------------------------------------
    def ids(self, kind: str) -> tuple[str, ...]:
        """All ids of one kind, sorted (an index, not a scan)."""
        return self.by_kind.get(kind, ())

    def get(self, kind: str, ident: str) -> Decl | None:
        return self.objects.get((kind, ident))

    def resolve(self, kind: str, ident: str) -> str | None:
        """The canonical id of ``ident`` (an id or, for techniques, an alias)."""
        if (kind, ident) in self.objects:
            return ident
        if kind == "technique":
            return self.aliases.get(ident.lower())
        return None

    def title(self, kind: str, ident: str) -> str:
        return self.titles.get((kind, ident), ident)

    def anchor(self, kind: str, ident: str) -> tuple[str, str] | None:
        if kind == "repo":
            repo = self.repos.get(ident)
            return (repo.docname, repo.anchor) if repo else None
        decl = self.objects.get((kind, ident))
        return (decl.docname, anchor_id(kind, ident)) if decl else None

    def descendants(self, category: str) -> list[str]:
        out, stack = [], [category]
        while stack:
            current = stack.pop()
            out.append(current)
            stack.extend(reversed(self.children.get(current, ())))
        return out

    def ancestors(self, category: str) -> list[str]:
        """The category, then its parents up to the top of the taxonomy (a cycle, reported
        elsewhere, ends the walk)."""
        out = []
        while category and category not in out:
            out.append(category)
            decl = self.get("category", category)
            category = decl.get("parent") if decl else None
        return out

    def code_status(self, ident: str) -> str:
        """Who released a technique's code link: as declared, else "official" when it has one."""
        decl = self.get("technique", ident)
        return decl.get("code-status") or ("official" if decl.get("code") else "")

    def techniques_in(self, category: str, descendants: bool = True) -> list[str]:
        cats = self.descendants(category) if descendants else [category]
        return sorted({t for c in cats for t in self.members.get(c, ())})

    def paper_of(self, kind: str, ident: str) -> Paper | None:
        decl = self.get(kind, ident)
        return self.papers.get(decl.get("paper")) if decl else None

    def result_at(self, docname: str, lineno: int) -> Result | None:
        return self.results_at.get((docname, lineno))

    def results_for(self, technique: str | None = None, benchmark: str | None = None) -> list[Result]:
        if technique is not None:
            found = self.results_by.get(("technique", technique), ())
            return [r for r in found if benchmark is None or r.benchmark == benchmark]
        if benchmark is not None:
            return list(self.results_by.get(("benchmark", benchmark), ()))
        return list(self.results)


def _precedence(decl: Decl) -> tuple:
    """Which of several declarations of one id wins: the one on the page named after the id
    (``techniques/hilo.md`` for ``hilo``), then the usual (kind, id, docname, line) order. A page
    copied as a template and not yet renamed is then the one reported, not its original."""
    own_page = decl.docname.rsplit("/", 1)[-1] == decl.id
    return (decl.kind, decl.id, not own_page, decl.docname, decl.lineno)


def anchor_id(kind: str, ident: str) -> str:
    return f"kb-{kind}-{ident}".replace(".", "-").replace("_", "-")


def repo_title_from_url(url: str) -> str:
    path = [p for p in urlparse(url).path.split("/") if p]
    return path[-1] if path else urlparse(url).netloc


def build_catalog(
    decls: list[Decl],
    refs: list[RefUse],
    papers: dict[str, Paper],
    doc_titles: dict[str, str],
    papers_complete: bool = True,
) -> Catalog:
    """Resolve all declarations; collect cross-page problems (never raise).

    ``papers_complete`` is False when a bib file was withheld (reported as kb.bib_file): keys
    missing from ``papers`` are then not reported again, one mistake giving one warning."""
    cat = Catalog(papers=papers, papers_complete=papers_complete)
    problems = cat.problems

    def problem(decl_or_loc, subtype: KbWarning, message: str) -> None:
        """Record a problem at a declaration, an (declaration, option) pair, or a location."""
        if isinstance(decl_or_loc, Decl):
            docname, lineno = decl_or_loc.location
        elif isinstance(decl_or_loc[0], Decl):
            docname, lineno = decl_or_loc[0].at(decl_or_loc[1])
        else:
            docname, lineno = decl_or_loc
        problems.append(Problem(subtype.subtype, message, docname, lineno))

    results: list[Decl] = []
    first_tech_of_doc: dict[str, str | None] = {}  # None: the page's technique lost a duplicate-id contest
    for decl in sorted(decls, key=_precedence):
        if decl.kind == "result":
            results.append(decl)
            continue
        if decl.kind == "unusable-technique":  # reported where it stands; its page's results are not blamed again
            first_tech_of_doc.setdefault(decl.docname, None)
            continue
        key = (decl.kind, decl.id)
        if decl.kind == "metric":
            key = ("metric", f"{decl.get('benchmark')}/{decl.id}")
        if key in cat.objects:
            kept = cat.objects[key]
            problem(decl, KbWarning.DUPLICATE_ID,
                    f"duplicate {decl.kind} id {decl.id!r}: {kept.docname!r} line {kept.lineno} declares it and keeps it; "
                    f"give this one its own id")
            if decl.kind == "technique":
                first_tech_of_doc.setdefault(decl.docname, None)
            continue
        cat.objects[key] = decl
        if decl.kind == "technique":
            first_tech_of_doc.setdefault(decl.docname, decl.id)

    kinds: dict[str, list[str]] = defaultdict(list)
    for kind, ident in cat.objects:
        kinds[kind].append(ident)
    cat.by_kind = {kind: tuple(sorted(ids)) for kind, ids in kinds.items()}

    # titles: a declared title, else the paper title for repos/benchmarks, else the page title
    for (kind, ident), decl in cat.objects.items():
        if kind == "metric":
            continue
        title = decl.get("title") if kind in ("repo", "benchmark") else None
        page_title = doc_titles.get(decl.docname, "")
        if not page_title.strip() or page_title == "<no title>":
            page_title = ""
            if kind in ("technique", "category") or (kind == "benchmark" and not title):
                problem(decl, KbWarning.NO_TITLE, f"the page declaring {kind} {ident!r} has no title; the id is shown instead")
        cat.titles[(kind, ident)] = title or page_title or ident

    _check_papers(cat, problem)
    _build_aliases(cat, problem)
    _build_taxonomy(cat, problem)
    _build_metrics(cat, problem)
    _build_results(cat, results, first_tech_of_doc, problem)
    _build_repos(cat, problem)
    _build_relations(cat, problem)
    _build_backlinks(cat, refs)
    problems.sort(key=lambda p: (p.docname, p.lineno, p.subtype, p.message))
    return cat


def _check_papers(cat: Catalog, problem) -> None:
    problems, reported = cat.problems, set()
    for kind in ("technique", "benchmark"):
        for ident in cat.ids(kind):
            decl = cat.get(kind, ident)
            key = decl.get("paper")
            if key in cat.papers:
                cat.paper_home.setdefault(key, (kind, ident))
                paper = cat.papers[key]
                if paper.missing() and key not in reported:
                    reported.add(key)
                    message = f"entry {key!r} lacks {', '.join(paper.missing())}, which {decl.docname!r} shows"
                    if paper.where:  # point at the entry in refs.bib
                        problems.append(Problem(KbWarning.BIB_FIELD.subtype, message, "", 0, paper.where))
                    else:
                        problem((decl, "paper"), KbWarning.BIB_FIELD, message)
            if key and key not in cat.papers and cat.papers_complete:
                problem((decl, "paper"), KbWarning.UNKNOWN_BIBKEY,
                        f"{kind} {ident!r}: paper {key!r} is not in refs.bib{did_you_mean(key, cat.papers)}")
            if kind == "technique" and decl.get("title") and not decl.get("override-reason"):
                problem(decl, KbWarning.MISSING_OPTION,
                        f"technique {ident!r}: :title: overrides refs.bib only with an :override-reason:")


def _build_aliases(cat: Catalog, problem) -> None:
    for ident in cat.ids("technique"):
        decl = cat.get("technique", ident)
        for alias in decl.get("aliases", ()):
            low = alias.lower()
            owner = cat.aliases.get(low) or (low if ("technique", low) in cat.objects and low != ident else None)
            if owner and owner != ident:
                problem((decl, "aliases"), KbWarning.DUPLICATE_ID,
                        f"alias {alias!r} of technique {ident!r} is already used by {owner!r}")
                continue
            cat.aliases[low] = ident


def _build_taxonomy(cat: Catalog, problem) -> None:
    parents: dict[str, str | None] = {}
    for ident in cat.ids("category"):
        decl = cat.get("category", ident)
        parent = decl.get("parent")
        if parent and decl.get("root"):
            problem(decl, KbWarning.BAD_VALUE, f"category {ident!r} has both :parent: and :root:")
        if parent and ("category", parent) not in cat.objects:
            problem((decl, "parent"), KbWarning.UNKNOWN_CATEGORY,
                    f"category {ident!r}: unknown parent category {parent!r}{did_you_mean(parent, cat.ids('category'))}")
            parent = None
        elif not parent and not decl.get("root"):
            problem(decl, KbWarning.ORPHAN_CATEGORY,
                    f"category {ident!r} has no :parent: and is not marked :root:, so it is outside the taxonomy")
        parents[ident] = parent
    # cycles: walk up from each category; a walk that returns to its start is a cycle
    in_cycle: set[str] = set()
    for start in sorted(parents):
        seen, node = [], start
        while node is not None and node not in seen:
            seen.append(node)
            node = parents.get(node)
        if node == start:
            cycle = seen
            if not in_cycle & set(cycle):
                problem(cat.get("category", min(cycle)), KbWarning.CATEGORY_CYCLE,
                        "categories form a cycle: " + " -> ".join(cycle + [start]))
            in_cycle.update(cycle)
    children: dict[str, list[str]] = defaultdict(list)
    roots = []
    for ident, parent in sorted(parents.items()):
        if ident in in_cycle:
            continue
        if parent is None:
            roots.append(ident)
        else:
            children[parent].append(ident)
    cat.children = {k: tuple(v) for k, v in children.items()}
    cat.roots = tuple(roots)
    for ident in cat.ids("technique"):
        decl = cat.get("technique", ident)
        known = []
        for category in decl.get("categories", ()):
            if ("category", category) in cat.objects:
                known.append(category)
            else:
                problem((decl, "categories"), KbWarning.UNKNOWN_CATEGORY,
                        f"technique {ident!r}: unknown category {category!r}"
                        f"{did_you_mean(category, cat.ids('category'), listing='categories')}")
        cat.tech_categories[ident] = tuple(known)
    members: dict[str, list[str]] = defaultdict(list)
    for ident in cat.ids("technique"):
        for category in cat.tech_categories[ident]:
            members[category].append(ident)
    cat.members = {c: tuple(ts) for c, ts in members.items()}


def _build_metrics(cat: Catalog, problem) -> None:
    by_bench: dict[str, list[Decl]] = defaultdict(list)
    for (kind, _), decl in cat.objects.items():
        if kind != "metric":
            continue
        bench = decl.get("benchmark")
        if ("benchmark", bench) not in cat.objects:
            problem((decl, "benchmark"), KbWarning.UNKNOWN_BENCHMARK,
                    f"metric {decl.id!r}: unknown benchmark {bench!r}{did_you_mean(bench, cat.ids('benchmark'))}")
            continue
        by_bench[bench].append(decl)
    for bench, decls in by_bench.items():
        decls.sort(key=lambda d: (d.docname, d.lineno))
        cat.metrics[bench] = tuple(
            Metric(d.id, bench, d.get("label") or d.id, d.get("unit") or "", d.get("better"), d.get("kind") or "quality")
            for d in decls
        )


def _build_results(cat: Catalog, decls: list[Decl], first_tech_of_doc: dict[str, str], problem) -> None:
    results = []
    for decl in decls:
        if not decl.get("technique") and decl.docname in first_tech_of_doc and first_tech_of_doc[decl.docname] is None:
            continue  # its page's technique is a reported duplicate: one mistake, one warning
        technique = decl.get("technique") or first_tech_of_doc.get(decl.docname)
        bench = decl.get("benchmark")
        if technique is None:
            problem(decl, KbWarning.MISPLACED, "kb:result outside a technique page needs :technique:")
            continue
        canonical = cat.resolve("technique", technique)
        if canonical is None:
            problem((decl, "technique"), KbWarning.UNKNOWN_TECHNIQUE,
                    f"result: unknown technique {technique!r}{did_you_mean(technique, cat.ids('technique'))}")
            continue
        if ("benchmark", bench) not in cat.objects:
            problem((decl, "benchmark"), KbWarning.UNKNOWN_BENCHMARK,
                    f"result: unknown benchmark {bench!r}"
                    f"{did_you_mean(bench, cat.ids('benchmark'), listing='benchmarks')}")
            continue
        source_key, source_where = decl.get("source")
        if source_key not in cat.papers and cat.papers_complete:
            problem((decl, "source"), KbWarning.UNKNOWN_BIBKEY,
                    f"result: source {source_key!r} is not in refs.bib{did_you_mean(source_key, cat.papers)}")
        declared = {m.id for m in cat.metrics.get(bench, ())}
        values = []
        for name, raw in decl.extra:
            if name not in declared:
                problem((decl, name), KbWarning.UNKNOWN_METRIC,
                        f"result: {name!r} is neither an option of kb:result nor a metric of benchmark {bench!r}"
                        f"{did_you_mean(name, declared)} (metrics: {', '.join(sorted(declared)) or 'none declared'})")
                continue
            try:
                values.append((name, parse_number(raw, name), raw))
            except FieldError as err:
                problem((decl, name), err.subtype, str(err))
        if not decl.extra:
            problem(decl, KbWarning.MISSING_OPTION, "result reports no metric value")
            continue
        setting = tuple((k, v) for k, v in decl.fields if k not in ("technique", "benchmark", "source"))
        results.append(Result(canonical, bench, source_key, source_where, setting, tuple(values), decl.docname, decl.lineno))
    results.sort(key=lambda r: (r.benchmark, r.technique, str(r.setting_value("model") or ""), r.docname, r.lineno))
    cat.results = tuple(results)
    index: dict[tuple[str, str], list[Result]] = defaultdict(list)
    for r in cat.results:
        index[("technique", r.technique)].append(r)
        index[("benchmark", r.benchmark)].append(r)
    cat.results_by = {k: tuple(v) for k, v in index.items()}
    cat.results_at = {(r.docname, r.lineno): r for r in cat.results}


def _build_repos(cat: Catalog, problem) -> None:
    repos: dict[str, Repo] = {}
    by_url: dict[str, str] = {}
    for ident in cat.ids("repo"):
        decl = cat.get("repo", ident)
        techs = []
        for t in decl.get("techniques", ()):
            canonical = cat.resolve("technique", t)
            if canonical is None:
                problem((decl, "techniques"), KbWarning.UNKNOWN_TECHNIQUE,
                        f"repo {ident!r}: unknown technique {t!r}{did_you_mean(t, cat.ids('technique'))}")
            else:
                techs.append(canonical)
        url = decl.get("url")
        repos[ident] = Repo(ident, cat.title("repo", ident), url, decl.get("kind"), decl.body,
                            tuple(sorted(set(techs))), decl.docname, anchor_id("repo", ident))
        by_url.setdefault(url.rstrip("/").lower(), ident)
    # a technique's :code: is an official-code repo; reuse a declared repo with the same URL
    for ident in cat.ids("technique"):
        decl = cat.get("technique", ident)
        url = decl.get("code")
        if not url:
            continue
        existing = by_url.get(url.rstrip("/").lower())
        if existing:
            repo = repos[existing]
            repos[existing] = Repo(repo.id, repo.title, repo.url, repo.kind, repo.description,
                                   tuple(sorted(set(repo.techniques) | {ident})), repo.docname, repo.anchor)
            continue
        rid = f"code-{ident}"
        if rid in repos:  # a declared repo took the id generated for this technique's code
            problem(cat.get("repo", rid) or decl, KbWarning.DUPLICATE_ID,
                    f"repo id {rid!r} is reserved for the official code of technique {ident!r} "
                    f"({url}); give this repository another id")
            continue
        repos[rid] = Repo(rid, repo_title_from_url(url), url, "official-code",
                          f"Official code of {cat.title('technique', ident)}.", (ident,),
                          decl.docname, anchor_id("technique", ident))
        by_url[url.rstrip("/").lower()] = rid
    cat.repos = dict(sorted(repos.items()))
    for rid, repo in cat.repos.items():
        cat.titles.setdefault(("repo", rid), repo.title)


def _build_relations(cat: Catalog, problem) -> None:
    rel: dict[str, set[tuple[str, str]]] = defaultdict(set)
    for ident in cat.ids("technique"):
        decl = cat.get("technique", ident)
        for option, label, inverse in RELATIONS:
            for other in decl.get(option, ()):
                canonical = cat.resolve("technique", other)
                if canonical is None:
                    problem((decl, option), KbWarning.UNKNOWN_TECHNIQUE,
                            f"technique {ident!r}: {option} unknown technique {other!r}{did_you_mean(other, cat.ids('technique'))}")
                    continue
                if canonical == ident:
                    problem((decl, option), KbWarning.BAD_VALUE, f"technique {ident!r}: {option} names itself")
                    continue
                rel[ident].add((label, canonical))
                rel[canonical].add((inverse, ident))
    cat.relations = {k: tuple(sorted(v)) for k, v in sorted(rel.items())}


def _build_backlinks(cat: Catalog, refs: list[RefUse]) -> None:
    back: dict[tuple[str, str], set[str]] = defaultdict(set)
    for ref in refs:
        kind = ROLE_KINDS.get(ref.kind, ref.kind)
        target = cat.resolve(kind, ref.target)
        if target is None:  # reported here, from the stored record, so it repeats on every build
            hint = did_you_mean(ref.target, cat.ids(kind) if kind != "repo" else cat.repos)
            cat.problems.append(Problem(KbWarning.UNKNOWN_REF.subtype, f"unknown {kind} {ref.target!r}{hint}", ref.docname, ref.lineno))
            continue
        decl = cat.get(kind, target) if kind != "repo" else None
        home = decl.docname if decl else (cat.repos[target].docname if target in cat.repos else None)
        if ref.docname != home:
            back[(kind, target)].add(ref.docname)
    cat.referenced_by = {k: tuple(sorted(v)) for k, v in sorted(back.items())}


def view_problems(cat: Catalog, views) -> list[Problem]:
    """Cross-page checks of the view directives' arguments (read time cannot see other pages)."""
    out = []
    checks = {"techniques": ("category", "category", KbWarning.UNKNOWN_CATEGORY),
              "relmap": ("category", "category", KbWarning.UNKNOWN_CATEGORY),
              "taxonomy": ("root", "category", KbWarning.UNKNOWN_CATEGORY),
              "leaderboard": ("argument", "benchmark", KbWarning.UNKNOWN_BENCHMARK),
              "plot": ("argument", "benchmark", KbWarning.UNKNOWN_BENCHMARK)}
    for view in views:
        if view.kind == "compare":
            out += _compare_problems(cat, view)
        if view.kind not in checks:
            continue
        option, kind, subtype = checks[view.kind]
        ident = view.get(option)
        if ident and cat.get(kind, ident) is None:
            out.append(Problem(subtype.subtype, f"kb:{view.kind}: unknown {kind} {ident!r}", view.docname, view.lineno))
        if view.kind in ("leaderboard", "plot") and cat.get(kind, ident) is not None:
            declared = {m.id for m in cat.metrics.get(ident, ())}
            for option in ("sort", "x", "y"):
                if view.get(option) and view.get(option) not in declared:
                    out.append(Problem(KbWarning.UNKNOWN_METRIC.subtype,
                                       f"kb:{view.kind}: benchmark {ident!r} has no metric {view.get(option)!r} (:{option}:; "
                                       f"metrics: {', '.join(sorted(declared)) or 'none'})", view.docname, view.lineno))
            where = view.get("where")
            parts = [p for p in (where or "").split(";") if p.strip()]
            if any("=" not in p or p.partition("=")[0].strip().rstrip("~").strip() not in SETTING_NAMES for p in parts):
                out.append(Problem(KbWarning.BAD_FILTER.subtype,
                                   f"kb:plot: :where: {where!r} is not 'setting=value' (';' between several) with a setting of "
                                   f"kb:result ({', '.join(sorted(SETTING_NAMES))})", view.docname, view.lineno))
    return out


def _compare_problems(cat: Catalog, view) -> list[Problem]:
    out = []
    for ident in view.get("techniques", ()):
        if cat.resolve("technique", ident) is None:
            hint = did_you_mean(ident, cat.ids("technique"))
            out.append(Problem(KbWarning.UNKNOWN_TECHNIQUE.subtype, f"kb:compare: unknown technique {ident!r}{hint}",
                               view.docname, view.lineno))
    for ident in view.get("benchmarks", ()):
        if cat.get("benchmark", ident) is None:
            hint = did_you_mean(ident, cat.ids("benchmark"))
            out.append(Problem(KbWarning.UNKNOWN_BENCHMARK.subtype, f"kb:compare: unknown benchmark {ident!r}{hint}",
                               view.docname, view.lineno))
    if not view.get("interactive") and len(view.get("techniques", ())) < 2:
        out.append(Problem(KbWarning.MISSING_OPTION.subtype,
                           "kb:compare needs :techniques: with at least two ids (or :interactive:)", view.docname, view.lineno))
    return out
