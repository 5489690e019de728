"""furo's sidebar is bounded: long toctree levels show only the current page, and everything
else looks as Sphinx's own navigation does (captions, explicit titles, external links)."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup


def sidebar(outdir, page):
    """(captions, [(link text, href)]) of the sidebar tree on one page."""
    soup = BeautifulSoup((outdir / f"{page}.html").read_text(), "html.parser")
    tree = soup.select_one(".sidebar-tree")
    captions = [c.get_text(strip=True) for c in tree.select(".caption-text")]
    return captions, [(a.get_text(strip=True), a["href"]) for a in tree.select("a")]


@pytest.fixture(scope="module")
def sites(make_app_module):
    """The navigation root built bounded (limit 3) and with furo's own full tree."""
    return {name: make_app_module("navigation", **conf) for name, conf in {
        "bounded": {"kb_navigation_max_children": 3},
        "stock": {"kb_bounded_navigation": False},
        "roomy": {"kb_navigation_max_children": 50},
    }.items()}


def test_short_levels_match_furos_own_navigation(sites):
    for page in ("index", "one", "two", "many/index"):
        assert sidebar(sites["roomy"], page) == sidebar(sites["stock"], page), page


def test_captions_titles_and_external_links_are_kept(sites):
    captions, links = sidebar(sites["bounded"], "one")
    assert captions == ["Browse", "Elsewhere"]
    texts = [text for text, _ in links]
    assert texts[:3] == ["Page one", "Second page, titled here", "Many pages"]
    assert ("Example site", "https://example.org/") in links


def test_long_levels_show_only_the_current_branch(sites):
    _, links = sidebar(sites["bounded"], "many/p3")
    texts = [text for text, _ in links]
    assert "Item 3" in texts and "Item 1" not in texts and "Item 5" not in texts
    _, stock = sidebar(sites["stock"], "many/p3")
    assert {"Item 1", "Item 5"} <= {text for text, _ in stock}  # the off switch brings furo's full tree back
