"""Aggregates stay fresh: incremental rebuilds rewrite exactly the pages whose shown data
changed and give the same pages as a clean build; -j 2 gives the same site as -j 1."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

ALWAYS_WRITTEN = {"genindex", "search", "kb-techindex", "kb-repoindex"}  # Sphinx's own index pages
PARENT = "index"  # the toctree parent: rewritten only when a page's title or sections change (freshness.keep_parents)


def snapshot(outdir: Path) -> dict[Path, int]:
    return {path: path.stat().st_mtime_ns for path in outdir.rglob("*.html")}


def written_pages(outdir: Path, before: dict[Path, int]) -> set[str]:
    """Pages whose file was (re)written since ``before``."""
    return {str(p.relative_to(outdir).with_suffix("")) for p in outdir.rglob("*.html")
            if before.get(p) != p.stat().st_mtime_ns} - ALWAYS_WRITTEN


def touch(path: Path, text: str | None = None) -> None:
    if text is not None:
        path.write_text(text, encoding="utf-8")
    later = max(p.stat().st_mtime for p in path.parent.iterdir()) + 10
    os.utime(path, (later, later))


def main_html(outdir: Path, page: str) -> str:
    soup = BeautifulSoup((outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
    return soup.select_one("div[role=main]").prettify()


def rebuild(make_app, srcdir: Path, **kwargs):
    app = make_app("html", srcdir=srcdir, **kwargs)
    read: list[str] = []
    app.connect("env-before-read-docs", lambda app, env, docnames: read.extend(sorted(docnames)))
    app.build()
    return app, read


def assert_same_as_clean_build(make_app, srcdir: Path, incremental_out: Path, tmp_path: Path) -> None:
    clean_src = tmp_path / "clean"
    shutil.copytree(srcdir, clean_src, ignore=shutil.ignore_patterns("_build"))
    clean = make_app("html", srcdir=clean_src)
    clean.build()
    for page in sorted(p.stem for p in srcdir.glob("*.md")):
        a, b = main_html(incremental_out, page), main_html(Path(clean.outdir), page)
        assert a == b, f"{page} differs from a clean build:\n" + "\n".join(difflib.unified_diff(
            b.splitlines(), a.splitlines(), "clean", "incremental", lineterm=""))


def test_no_change_rebuild_reads_and_writes_nothing(build, make_app):
    first = build("fresh")
    assert first.kb_warnings() == []
    before = snapshot(first.outdir)
    exports = {p: p.stat().st_mtime_ns for p in (first.outdir / "_exports").iterdir()}
    _, read = rebuild(make_app, first.srcdir)
    assert read == []
    assert written_pages(first.outdir, before) == set()
    assert {p: p.stat().st_mtime_ns for p in (first.outdir / "_exports").iterdir()} == exports


def test_editing_body_text_rewrites_only_that_page(build, make_app):
    first = build("fresh")
    before = snapshot(first.outdir)
    page = first.srcdir / "gamma.md"
    touch(page, page.read_text().replace("Body text of gamma.", "New body text of gamma."))
    _, read = rebuild(make_app, first.srcdir)
    assert read == ["gamma"]
    assert written_pages(first.outdir, before) == {"gamma"}  # its parent lists the same title: not rewritten


def test_retitling_a_page_or_a_section_rewrites_its_toctree_parent(build, make_app, tmp_path):
    first = build("fresh")
    page = first.srcdir / "gamma.md"
    for old, new in (("# Gamma", "# Gamma renamed"), ("Body text of gamma.", "Body text of gamma.\n\n## A new section\n\nMore.")):
        before = snapshot(first.outdir)
        touch(page, page.read_text().replace(old, new, 1))
        rebuild(make_app, first.srcdir)
        assert {"gamma", PARENT} <= written_pages(first.outdir, before)
    assert "Gamma renamed" in (first.outdir / f"{PARENT}.html").read_text()
    assert_same_as_clean_build(make_app, first.srcdir, first.outdir, tmp_path)


def test_changing_categories_rewrites_every_page_that_shows_them(build, make_app, tmp_path):
    first = build("fresh")
    before = snapshot(first.outdir)
    page = first.srcdir / "gamma.md"
    touch(page, page.read_text().replace(":categories: c2", ":categories: c1"))
    app, read = rebuild(make_app, first.srcdir)
    assert read == ["gamma"]
    # gamma now shows in c1's table and taxonomy counts, leaves c2, and joins alpha and beta's "same category"
    assert written_pages(first.outdir, before) == {"gamma", "c1", "c2", "table", "alpha", "beta", PARENT}
    assert "Gamma" in BeautifulSoup((first.outdir / "table.html").read_text(), "html.parser").select_one("table").get_text()
    assert_same_as_clean_build(make_app, first.srcdir, first.outdir, tmp_path)


def test_changing_results_rewrites_the_leaderboard(build, make_app, tmp_path):
    first = build("fresh")
    before = snapshot(first.outdir)
    page = first.srcdir / "alpha.md"
    touch(page, page.read_text().replace(":acc: 50.5", ":acc: 99.5"))
    rebuild(make_app, first.srcdir)
    assert written_pages(first.outdir, before) == {"alpha", "bench", PARENT}
    board = BeautifulSoup((first.outdir / "bench.html").read_text(), "html.parser").select_one("table.kb-leaderboard")
    assert "99.5" in board.get_text()
    assert "99.5" in (first.outdir / "_exports" / "results.json").read_text()  # the exports follow the sources
    assert_same_as_clean_build(make_app, first.srcdir, first.outdir, tmp_path)


def test_changing_a_title_in_refs_bib_rewrites_pages_showing_it(build, make_app, tmp_path):
    first = build("fresh")
    before = snapshot(first.outdir)
    bib = first.srcdir / "refs.bib"
    touch(bib, bib.read_text().replace("Alpha Attention", "Alpha Attention Revised"))
    _, read = rebuild(make_app, first.srcdir)
    assert read == ["references"]  # sphinxcontrib-bibtex re-reads the page holding the bibliography
    # mentions cites the entry: its citation's tooltip shows the title
    assert written_pages(first.outdir, before) == {"alpha", "table", "references", "mentions", PARENT}
    assert "Alpha Attention Revised" in (first.outdir / "table.html").read_text()
    assert_same_as_clean_build(make_app, first.srcdir, first.outdir, tmp_path)


def test_parallel_build_equals_serial_build(build):
    serial = build("fresh", parallel=1)
    import tempfile

    with tempfile.TemporaryDirectory() as tmp:
        src = Path(tmp) / "fresh"
        shutil.copytree(serial.srcdir, src, ignore=shutil.ignore_patterns("_build"))
        parallel = build("fresh", parallel=2, srcdir=src)
        assert parallel.app.parallel == 2
        for page in sorted(p.stem for p in serial.srcdir.glob("*.md")):
            assert main_html(serial.outdir, page) == main_html(parallel.outdir, page), page
        for name in ("catalogue.json", "results.json", "techniques.csv", "results.csv"):
            assert (serial.outdir / "_exports" / name).read_bytes() == (parallel.outdir / "_exports" / name).read_bytes()
        assert serial.kb_warnings() == parallel.kb_warnings()


def problems(app) -> list[str]:
    """Warnings about the site (not the test harness re-registering Sphinx's nodes)."""
    return [line for line in app._warning.getvalue().splitlines() if "WARNING" in line and "[app." not in line]


def edit(srcdir: Path, name: str, old: str, new: str) -> None:
    path = srcdir / name
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {name}"
    touch(path, text.replace(old, new))


def rename(srcdir: Path, old: str, new: str) -> None:
    (srcdir / f"{old}.md").rename(srcdir / f"{new}.md")
    edit(srcdir, "index.md", f"\n{old}\n", f"\n{new}\n")


def delete(srcdir: Path, name: str) -> None:
    (srcdir / f"{name}.md").unlink()
    edit(srcdir, "index.md", f"\n{name}\n", "\n")


#: Each upstream change a page may show, and a page that must show its effect.
UPSTREAM_CHANGES = {
    "metric label": (lambda s: edit(s, "bench.md", ":better: higher", ":label: Top-1 accuracy\n:better: higher"),
                     "alpha", "Top-1 accuracy"),
    "metric unit": (lambda s: edit(s, "bench.md", ":better: higher", ":unit: %\n:better: higher"), "beta", "acc (%)"),
    "metric direction": (lambda s: edit(s, "bench.md", ":better: higher", ":better: lower"), "gamma", "acc ↓"),
    "benchmark title": (lambda s: edit(s, "bench.md", "# Bench", "# Bench Renamed"), "alpha", "Bench Renamed"),
    "category retitled": (lambda s: edit(s, "c1.md", "# Cat One", "# Category Uno"), "alpha", "Category Uno"),
    "category moved": (lambda s: edit(s, "c2.md", ":root:", ":parent: c1"), "c1", "Cat Two"),
    "category renamed": (lambda s: (edit(s, "c2.md", "{kb:category} c2", "{kb:category} c3"),
                                    edit(s, "gamma.md", ":categories: c2", ":categories: c3"),
                                    edit(s, "mentions.md", "{kb:cat}`c2`", "{kb:cat}`c3`")), "gamma", "Cat Two"),
    "technique page retitled": (lambda s: edit(s, "gamma.md", "# Gamma", "# Gamma Prime"), "mentions", "Gamma Prime"),
    "technique page renamed": (lambda s: rename(s, "gamma", "delta"), "mentions", "delta.html"),
    "technique page deleted": (lambda s: (delete(s, "gamma"), edit(s, "mentions.md", "{kb:tech}`gamma`, ", "")),
                               "c2", "No technique"),
    "bib title": (lambda s: edit(s, "refs.bib", "Beta Pruning", "Beta Pruning Again"), "table", "Beta Pruning Again"),
    "bib year": (lambda s: edit(s, "refs.bib", "year = {2021}", "year = {2019}"), "beta", "2019"),
}


@pytest.mark.parametrize("change", sorted(UPSTREAM_CHANGES))
def test_upstream_change_gives_the_same_pages_as_a_clean_build(build, make_app, tmp_path, change):
    apply, page, shown = UPSTREAM_CHANGES[change]
    first = build("fresh")
    apply(first.srcdir)
    app, _ = rebuild(make_app, first.srcdir)
    assert shown in (first.outdir / f"{page}.html").read_text(encoding="utf-8"), f"{page} does not show {shown!r}"
    assert_same_as_clean_build(make_app, first.srcdir, first.outdir, tmp_path)


def test_role_link_target_moving_to_another_page_rewrites_the_linking_page(build, make_app):
    """Guards the role part of the fingerprint: the linking page's source does not change."""
    first = build("fresh")
    rename(first.srcdir, "gamma", "delta")
    rebuild(make_app, first.srcdir)
    link = BeautifulSoup((first.outdir / "mentions.html").read_text(), "html.parser").select_one("a[href*=kb-technique-gamma]")
    assert link is not None and link["href"].startswith("delta.html")


def test_broken_refs_bib_then_fixed_recovers_fully(build, make_app, tmp_path):
    first = build("fresh")
    bib = first.srcdir / "refs.bib"
    good = bib.read_text()
    touch(bib, good.replace("title = {Alpha Attention},", "title = {Alpha Attention}", 1))
    broken, _ = rebuild(make_app, first.srcdir)
    assert "[kb.bib_file]" in broken._warning.getvalue()
    touch(bib, good)
    fixed, _ = rebuild(make_app, first.srcdir)
    assert problems(fixed) == []
    again, _ = rebuild(make_app, first.srcdir)
    assert problems(again) == []
    citation = BeautifulSoup((first.outdir / "mentions.html").read_text(), "html.parser").select_one(".bibtex-citation")
    assert citation is not None and "Alp20" in citation.get_text()
    assert "alpha attention" in (first.outdir / "references.html").read_text().lower()
    assert_same_as_clean_build(make_app, first.srcdir, first.outdir, tmp_path)


def test_an_unchanged_rebuild_does_not_recompute_the_exports(build, make_app, monkeypatch):
    """A new process (as `nox -s docs` is) must see that nothing the exports show changed."""
    import etkb.exports

    first = build("fresh")
    monkeypatch.setattr(etkb.exports, "catalogue", lambda *a: pytest.fail("exports recomputed on an unchanged build"))
    rebuild(make_app, first.srcdir)
    page = first.srcdir / "gamma.md"
    touch(page, page.read_text().replace(":categories: c2", ":categories: c1"))
    with pytest.raises(BaseException, match="exports recomputed"):  # a change that the exports show: recomputed
        rebuild(make_app, first.srcdir)
