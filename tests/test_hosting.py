"""What a static host serves beside the pages: policy, robots, sitemap, previews, 404, and the
hosting configurations that build the site."""

from __future__ import annotations

import base64
import hashlib
import re
import tomllib
from pathlib import Path
from xml.etree import ElementTree

import pytest
from bs4 import BeautifulSoup

from conftest import REPO

BASE = "https://example.org/kb/"


@pytest.fixture(scope="module")
def hosted(shared_build):
    result = shared_build("hosting")
    assert result.warnings == []
    return result


def pages(outdir: Path) -> list[Path]:
    return sorted(p for p in outdir.rglob("*.html") if "_static" not in p.parts)


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")


def script_sources(policy: str) -> set[str]:
    directive = next(part.strip() for part in policy.split(";") if part.strip().startswith("script-src"))
    return set(directive.split()[1:])


def test_every_inline_script_is_allowed_by_its_pages_policy_and_nothing_else_inline_runs(hosted):
    for path in pages(hosted.outdir):
        page = soup(path)
        meta = page.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert meta is not None, path
        allowed = script_sources(meta["content"])
        assert "'unsafe-inline'" not in allowed and "'unsafe-eval'" not in allowed
        for script in page.find_all("script", src=False):
            if script.get("type") in ("application/json",):  # a data block: never run, so no policy applies
                continue
            digest = base64.b64encode(hashlib.sha256(script.string.encode()).digest()).decode()
            assert f"'sha256-{digest}'" in allowed, (path, script.string)
        raw = path.read_text(encoding="utf-8")
        assert not re.search(r"\son[a-z]+=", raw), path  # no inline event handler
        assert "javascript:" not in raw


def test_headers_file_holds_the_same_policy_and_forbids_framing(hosted):
    headers = (hosted.outdir / "_headers").read_text()
    policy = soup(hosted.outdir / "index.html").find("meta", attrs={"http-equiv": "Content-Security-Policy"})["content"]
    assert f"Content-Security-Policy: {policy}; frame-ancestors 'none'" in headers


def test_every_page_has_a_canonical_url_a_description_and_a_preview(hosted):
    for path in pages(hosted.outdir):
        if path.name in ("404.html", "search.html", "genindex.html") or path.name.startswith("kb-"):
            continue
        page = soup(path)
        relative = path.relative_to(hosted.outdir).as_posix()
        assert page.find("link", rel="canonical")["href"] == BASE + relative
        description = page.find("meta", attrs={"name": "description"})["content"]
        assert description and "\\" not in description and "doe2020fast" not in description, (path, description)
        assert page.find("meta", property="og:title")["content"]
        assert page.find("meta", property="og:description")["content"] == description
        assert len(page.find_all("meta", attrs={"name": "description"})) == 1


def test_a_technique_page_is_described_by_its_key_idea_with_math_as_text(hosted):
    description = soup(hosted.outdir / "fast.html").find("meta", attrs={"name": "description"})["content"]
    assert description.startswith("Tile the n×n score matrix so that no tile")


def test_sitemap_lists_every_page_under_the_base_url_and_robots_names_it(hosted):
    tree = ElementTree.parse(hosted.outdir / "sitemap.xml")
    locs = {e.text for e in tree.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for name in ("index.html", "fast.html", "attention.html"):
        assert BASE + name in locs
    assert all(loc.startswith(BASE) for loc in locs)
    assert f"Sitemap: {BASE}sitemap.xml" in (hosted.outdir / "robots.txt").read_text().splitlines()


def test_the_404_page_links_resolve_from_any_depth(hosted):
    page = soup(hosted.outdir / "404.html")
    stylesheets = [link["href"] for link in page.find_all("link", rel="stylesheet")]
    assert stylesheets and all(href.startswith("/kb/") for href in stylesheets)


def test_doctrees_are_kept_out_of_the_published_folder():
    """The hosted builds (nox, GitHub Pages, Read the Docs) publish no pickles."""
    nox = (REPO / "noxfile.py").read_text()
    out = re.search(r'^OUT = "(.+)"', nox, re.M).group(1)
    doctrees = re.search(r'^DOCTREES = "(.+)"', nox, re.M).group(1)
    assert not Path(doctrees).is_relative_to(out)
    assert re.search(r'"sphinx-build", "-W", "--keep-going", "-b", "html", "-d", DOCTREES', nox)
    pages_workflow = (REPO / ".github" / "workflows" / "pages.yml").read_text()
    assert "nox -s docs" in pages_workflow and f"path: {out}" in pages_workflow


def test_read_the_docs_builds_with_the_pinned_set_and_fails_on_warnings():
    import yaml

    config = yaml.safe_load((REPO / ".readthedocs.yaml").read_text())
    assert config["sphinx"]["fail_on_warning"] is True
    assert any("--constraint constraints.txt" in step for step in config["build"]["jobs"]["install"])
    assert {"pdf", "epub"} <= set(config["formats"])
    assert config["build"]["tools"]["python"] == tomllib.loads((REPO / "pyproject.toml").read_text())[
        "project"]["requires-python"].removeprefix(">=")
