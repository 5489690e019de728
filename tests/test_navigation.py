"""furo's sidebar is bounded: long toctree levels show only the current page."""

from __future__ import annotations

from bs4 import BeautifulSoup


def sidebar_links(outdir, page):
    soup = BeautifulSoup((outdir / f"{page}.html").read_text(), "html.parser")
    return [a.get_text(strip=True) for a in soup.select(".sidebar-tree a")]


def test_long_levels_show_only_the_current_branch(build):
    result = build("fresh", html_theme="furo", kb_navigation_max_children=3)
    # the root toctree has 8 entries (> 3): on alpha's page only the path to alpha is listed
    assert sidebar_links(result.outdir, "alpha") == ["Alpha"]
    soup = BeautifulSoup((result.outdir / "alpha.html").read_text(), "html.parser")
    assert "current-page" in soup.select_one(".sidebar-tree li")["class"]  # furo still styles it


def test_short_levels_are_listed_in_full_like_furo(build):
    result = build("fresh", html_theme="furo")
    assert sidebar_links(result.outdir, "alpha") == ["Alpha", "Beta", "Gamma", "Cat One", "Cat Two", "Bench", "Table", "Unrelated"]
    assert sidebar_links(result.outdir, "unrelated") == sidebar_links(result.outdir, "alpha")


def test_furo_full_tree_is_back_when_disabled(build):
    result = build("fresh", html_theme="furo", kb_bounded_navigation=False, kb_navigation_max_children=3)
    assert len(sidebar_links(result.outdir, "alpha")) == 8
