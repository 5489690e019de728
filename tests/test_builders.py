"""Every standard builder shows the same views: placeholders are stamped with their own page,
so builders that merge pages (singlehtml, latex) render each view for the page it came from."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from conftest import ROOT

PAGES = ("alpha", "beta", "bench", "cats", "table")

#: What each page's views show (card, results, leaderboard, tables) and what only other pages show.
SHOWS = {
    "alpha": ["Ann Alpha", "O(n log n)", "alpha-small", "55.25", "alpha2020one", "Conference One"],
    "beta": ["Bob Beta", "O(n)", "beta-base", "61.75", "beta2021two", "Conference Two"],
    "bench": ["Classifying things", "alpha-small", "alpha-large", "beta-base", "61.75", "Accuracy"],
    "cats": ["sub-categories included"],
    "table": ["Alpha Attention", "Beta Pruning", "2021"],
}
ONLY_ELSEWHERE = {
    "alpha": ["Bob Beta", "61.75", "Classifying things"],
    "beta": ["Ann Alpha", "alpha-small", "Classifying things"],
    "bench": ["Ann Alpha", "Bob Beta", "O(n log n)"],
    "cats": ["Ann Alpha", "61.75", "Alpha Attention"],
    "table": ["Ann Alpha", "61.75", "Classifying things"],
}


def words(text: str) -> str:
    return " ".join(text.split())


def html_text(markup: str) -> str:
    soup = BeautifulSoup(markup, "html.parser")
    for chrome in soup.select("nav, header, footer, aside, script, style"):
        chrome.decompose()
    return words(soup.get_text(" "))


def per_page(builder: str, outdir: Path) -> dict[str, str]:
    """Each page's text as the builder wrote it (split at page boundaries for merged builders)."""
    if builder in ("html", "epub"):
        suffix = ".xhtml" if builder == "epub" else ".html"
        return {p: html_text((outdir / f"{p}{suffix}").read_text(encoding="utf-8")) for p in PAGES}
    if builder == "dirhtml":
        return {p: html_text((outdir / p / "index.html").read_text(encoding="utf-8")) for p in PAGES}
    if builder == "text":
        return {p: words((outdir / f"{p}.txt").read_text(encoding="utf-8")) for p in PAGES}
    if builder == "singlehtml":
        markup = (outdir / "index.html").read_text(encoding="utf-8")
        parts = re.split(r'id="document-([\w-]+)"', markup)
        return {parts[i]: html_text("<div " + parts[i + 1]) for i in range(1, len(parts), 2) if parts[i] in PAGES}
    if builder == "latex":
        tex = (outdir / "builders.tex").read_text(encoding="utf-8")
        parts = re.split(r"\\label\{\\detokenize\{([\w-]+)::doc\}\}", tex)
        return {parts[i]: words(parts[i + 1].replace(r"\sphinxhyphen{}", "-")) for i in range(1, len(parts), 2) if parts[i] in PAGES}
    raise AssertionError(builder)


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build per builder of one copy of the root, warnings as errors (shared by the tests)."""
    from sphinx.testing.util import SphinxTestApp

    cache: dict[str, tuple[object, Path]] = {}

    def get(builder: str):
        if builder not in cache:
            src = tmp_path_factory.mktemp(builder) / "src"
            shutil.copytree(ROOT / "roots" / "test-builders", src)
            app = SphinxTestApp(builder, srcdir=src, warningiserror=True)
            try:
                app.build()
            finally:
                app.cleanup()
            cache[builder] = (app, Path(app.outdir))
        return cache[builder]

    return get


BUILDERS = ("html", "dirhtml", "singlehtml", "text", "latex", "epub")


@pytest.mark.parametrize("builder", BUILDERS)
def test_builder_builds_without_warnings(built, builder):
    app, _ = built(builder)
    assert app.statuscode == 0
    assert "WARNING" not in app.warning.getvalue(), app.warning.getvalue()


@pytest.mark.parametrize("builder", BUILDERS)
def test_builder_shows_each_view_on_its_own_page(built, builder):
    _, outdir = built(builder)
    pages = per_page(builder, outdir)
    assert set(pages) == set(PAGES)
    for page in PAGES:
        for text in SHOWS[page]:
            assert text in pages[page], f"{builder}: {page} should show {text!r}"
        for text in ONLY_ELSEWHERE[page]:
            assert text not in pages[page], f"{builder}: {page} shows {text!r}, which belongs to another page"



@pytest.mark.parametrize("builder", ("text", "latex", "epub"))
def test_a_site_themed_with_furo_builds_with_other_builders(tmp_path, builder):
    """The real site uses furo, which refuses to be loaded for non-HTML builders."""
    from sphinx.testing.util import SphinxTestApp

    src = tmp_path / "navigation"
    shutil.copytree(ROOT / "roots" / "test-navigation", src)
    (src / "conf.py").write_text((src / "conf.py").read_text() + 'project = "Nav"\ncopyright = "2026"\nversion = "1"\n')
    app = SphinxTestApp(builder, srcdir=src, warningiserror=True)
    try:
        app.build()
    finally:
        app.cleanup()
    assert app.statuscode == 0, app.warning.getvalue()


def test_an_authored_related_section_is_filled_not_repeated(built):
    _, outdir = built("html")
    soup = BeautifulSoup((outdir / "alpha.html").read_text(encoding="utf-8"), "html.parser")
    headings = [h for h in soup.find_all(["h2", "h3"]) if h.get_text(strip=True).rstrip("#¶").strip() == "Related techniques"]
    assert len(headings) == 1
    section = headings[0].find_parent("section")
    assert "Authored text about the relatives of alpha." in section.get_text() and "Built on by" in section.get_text()
    assert section.find(id="kb-related") is not None or section.get("id") == "kb-related"  # the anchor still works


def test_a_readme_source_is_a_short_link_to_the_readme(built):
    _, outdir = built("html")
    soup = BeautifulSoup((outdir / "beta.html").read_text(encoding="utf-8"), "html.parser")
    link = soup.find("a", string="README")
    assert link["href"] == "https://github.com/example/beta"
    assert link["title"] == "official repository README (github.com/example/beta)"
