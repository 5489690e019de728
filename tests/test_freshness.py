"""Aggregates stay fresh: incremental rebuilds rewrite exactly the pages whose shown data
changed and give the same pages as a clean build; -j 2 gives the same site as -j 1."""

from __future__ import annotations

import difflib
import os
import shutil
from pathlib import Path

from bs4 import BeautifulSoup

ALWAYS_WRITTEN = {"genindex", "search", "kb-techindex", "kb-repoindex"}  # Sphinx's own index pages
PARENT = "index"  # Sphinx rewrites the toctree parent of every written page (Builder.write)


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
    _, read = rebuild(make_app, first.srcdir)
    assert read == []
    assert written_pages(first.outdir, before) == set()


def test_editing_body_text_rewrites_only_that_page(build, make_app):
    first = build("fresh")
    before = snapshot(first.outdir)
    page = first.srcdir / "gamma.md"
    touch(page, page.read_text().replace("Body text of gamma.", "New body text of gamma."))
    _, read = rebuild(make_app, first.srcdir)
    assert read == ["gamma"]
    assert written_pages(first.outdir, before) == {"gamma", PARENT}


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
    assert_same_as_clean_build(make_app, first.srcdir, first.outdir, tmp_path)


def test_changing_a_title_in_refs_bib_rewrites_pages_showing_it(build, make_app, tmp_path):
    first = build("fresh")
    before = snapshot(first.outdir)
    bib = first.srcdir / "refs.bib"
    touch(bib, bib.read_text().replace("Alpha Attention", "Alpha Attention Revised"))
    _, read = rebuild(make_app, first.srcdir)
    assert read == []
    assert written_pages(first.outdir, before) == {"alpha", "table", PARENT}
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
