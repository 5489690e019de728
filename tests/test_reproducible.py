"""Reproducibility and nothing lost: identical bytes from two clean builds, and no build
writes into the sources."""

from __future__ import annotations

import difflib
import hashlib
import shutil
from pathlib import Path

from conftest import ROOT


def tree(path: Path) -> dict[str, bytes]:
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted(path.rglob("*"))
            if p.is_file() and ".doctrees" not in p.parts and p.name != ".buildinfo"}


def test_two_clean_builds_are_byte_identical(build, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = build("tables")
    copy = tmp_path / "second"
    shutil.copytree(ROOT / "roots" / "test-tables", copy)
    second = build("tables", srcdir=copy)
    a, b = tree(first.outdir), tree(second.outdir)
    assert sorted(a) == sorted(b)
    for name in a:
        if a[name] != b[name]:
            diff = "\n".join(difflib.unified_diff(a[name].decode(errors="replace").splitlines(),
                                                  b[name].decode(errors="replace").splitlines(), lineterm=""))
            raise AssertionError(f"{name} differs between two clean builds:\n{diff[:3000]}")


def test_builds_never_write_into_the_sources(build, tmp_path):
    src = tmp_path / "src"
    shutil.copytree(ROOT / "roots" / "test-tables", src)
    before = {p: hashlib.sha1(p.read_bytes()).hexdigest() for p in src.rglob("*") if p.is_file()}
    build("tables", srcdir=src)
    build("tables", srcdir=src, parallel=2)
    after = {p: hashlib.sha1(p.read_bytes()).hexdigest() for p in src.rglob("*") if p.is_file() and "_build" not in p.parts}
    assert after == before


def test_a_page_outside_every_toctree_is_reported(build):
    result = build("fresh")
    (result.srcdir / "stray.md").write_text("# Stray\n")
    again = build("fresh", srcdir=result.srcdir)
    assert any("stray.md: document isn't included in any toctree" in w for w in again.warnings)


def test_pages_carry_no_inline_script_or_handler_of_ours(build):
    from bs4 import BeautifulSoup

    result = build("tables", html_theme="furo")
    for page in result.outdir.glob("*.html"):
        soup = BeautifulSoup(page.read_text(), "html.parser")
        for script in soup.find_all("script"):
            # furo's own theme switch is the only inline script; nothing else runs inline (a JSON data block never runs)
            runs = script.get("type", "text/javascript") in ("text/javascript", "module")
            assert script.get("src") or not runs or "dataset.theme" in script.get_text(), (page.name, str(script)[:200])
        for tag in soup.find_all(True):
            assert not any(attr.startswith("on") for attr in tag.attrs), (page.name, tag.name)
            for attr in ("href", "src"):
                assert not str(tag.get(attr, "")).lower().startswith(("javascript:", "data:")), (page.name, tag)


def test_cached_citation_domain_gives_the_stock_output(build, tmp_path):
    """etkb's cached citation domain (formatted entries kept between builds) writes exactly what
    sphinxcontrib-bibtex's own domain writes, on a first build and on a rebuild from the cache."""
    import shutil

    from conftest import ROOT

    def pages(outdir):
        return {p.relative_to(outdir): p.read_bytes() for p in sorted(outdir.rglob("*.html"))}

    cached = build("fresh")
    stock_src = tmp_path / "stock"
    shutil.copytree(ROOT / "roots" / "test-fresh", stock_src)
    stock = build("fresh", srcdir=stock_src, kb_cache_citations=False)
    assert type(cached.app.env.domains["cite"]).__name__ == "CachedBibtexDomain"
    assert type(stock.app.env.domains["cite"]).__name__ == "BibtexDomain"
    assert pages(cached.outdir) == pages(stock.outdir)
    assert b"Alp20" in pages(cached.outdir)[Path("mentions.html")]
