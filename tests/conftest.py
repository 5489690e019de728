"""Test helpers: build a test root (copied to a temp dir) and read what it produced."""

from __future__ import annotations

import os
import re
import shutil
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from hypothesis import settings

ROOT = Path(__file__).parent
REPO = ROOT.parent
sys.path.insert(0, str(REPO / "ext"))

# Property tests explore the same examples on every run, so CI cannot turn red by chance;
# run with HYPOTHESIS_PROFILE=explore to search afresh.
settings.register_profile("default", derandomize=True, deadline=None)
settings.register_profile("explore", derandomize=False, deadline=None, max_examples=500)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

pytest_plugins = ("sphinx.testing.fixtures",)
collect_ignore = ["roots"]

ANSI = re.compile(r"\x1b\[[0-9;]*m")


@dataclass
class Build:
    app: object
    srcdir: Path
    outdir: Path

    @property
    def warnings(self) -> list[str]:
        """Warnings as 'file:line: message [type.subtype]', paths relative to the source dir."""
        text = ANSI.sub("", self.app.warning.getvalue())
        lines = [line for line in text.splitlines() if "WARNING" in line or "ERROR" in line]
        return [line.replace(str(self.srcdir) + "/", "").replace(": WARNING:", ":").replace(": ERROR:", ": ERROR") for line in lines]

    def kb_warnings(self) -> list[str]:
        return [w for w in self.warnings if "[kb." in w]

    def html(self, page: str) -> BeautifulSoup:
        """The main content of a page, parsed (theme chrome left out)."""
        soup = BeautifulSoup((self.outdir / f"{page}.html").read_text(encoding="utf-8"), "html.parser")
        return soup.select_one("article[role=main]") or soup.select_one("div[role=main]") or soup.body

    def text(self, page: str) -> str:
        return " ".join(self.html(page).get_text(" ").split())


@pytest.fixture
def build(make_app, tmp_path):
    """``build("basic", parallel=1, **confoverrides)`` -> :class:`Build` of ``tests/roots/test-basic``."""

    def _build(root: str, parallel: int = 0, srcdir: Path | None = None, **confoverrides) -> Build:
        if srcdir is None:
            srcdir = tmp_path / root
            shutil.copytree(ROOT / "roots" / f"test-{root}", srcdir)
        app = make_app("html", srcdir=srcdir, confoverrides=confoverrides, parallel=parallel)
        app.build()
        return Build(app, srcdir, Path(app.outdir))

    return _build


@pytest.fixture(scope="module")
def shared_build(tmp_path_factory):
    """``shared_build(root, **confoverrides)`` -> :class:`Build`, built once per test module.

    For tests that only read what a root produced (most engine and aggregate tests), so a
    root is built once per module instead of once per test. Tests that edit the sources
    and rebuild use ``build``."""
    from sphinx.testing.util import SphinxTestApp

    cache: dict[tuple, Build] = {}
    apps = []

    def _build(root: str, **confoverrides) -> Build:
        key = (root, tuple(sorted(confoverrides.items())))
        if key not in cache:
            srcdir = tmp_path_factory.mktemp(root) / root
            shutil.copytree(ROOT / "roots" / f"test-{root}", srcdir)
            app = SphinxTestApp("html", srcdir=srcdir, confoverrides=confoverrides)
            apps.append(app)
            app.build()
            cache[key] = Build(app, srcdir, Path(app.outdir))
        return cache[key]

    yield _build
    for app in apps:
        app.cleanup()


@pytest.fixture(scope="session")
def real_site(tmp_path_factory):
    """The real site: one build of a copy of docs/ and refs.bib, warnings as errors, for the whole run.

    Every test that reads the real site (tests/test_site.py, the browser tests) shares it, so the
    suite builds the real site once. Tests must not write into it."""
    from sphinx.testing.util import SphinxTestApp

    base = tmp_path_factory.mktemp("site")
    shutil.copytree(REPO / "docs", base / "docs", ignore=shutil.ignore_patterns("_build"))
    shutil.copy(REPO / "refs.bib", base / "refs.bib")
    app = SphinxTestApp("html", srcdir=base / "docs", warningiserror=True)
    try:
        app.build()
    finally:
        app.cleanup()  # at once: a live app leaves its nodes and directives registered for every later build
    return app


#: lines printed at the end of the run (e.g. where the browser tests wrote their screenshots)
SUMMARY = pytest.StashKey[list]()


def pytest_configure(config):
    config.stash[SUMMARY] = []


def pytest_terminal_summary(terminalreporter, exitstatus, config):
    for line in config.stash.get(SUMMARY, []):
        terminalreporter.write_line(line)


@pytest.fixture(scope="module")
def make_app_module(shared_build):
    """``make_app_module(root, **confoverrides)`` -> the output dir of the module's shared build."""
    return lambda root, **confoverrides: shared_build(root, **confoverrides).outdir
