"""The built site in a real browser: Debian's Chromium driven by Playwright.

The real site (built once per run, ``real_site`` in conftest) is served from a thread on
127.0.0.1; every request that tries to leave it is aborted and fails the test. Pages are
chosen by type from the build, never by name: for each type, the page that shows the most
of the type's views, and the smallest of those (fast to check, yet every view is there).

Without /usr/bin/chromium (or playwright) these tests skip; with ETKB_REQUIRE_BROWSER=1
(set by .ci/run) they fail instead. Screenshots go to $ETKB_SCREENSHOTS, or to a
temporary directory; the path is printed at the end of the run.
"""

from __future__ import annotations

import functools
import http.server
import json
import os
import re
import struct
import threading
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import SUMMARY

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]  # no name resolves but the local server's
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
KINDS = ("front", "technique", "category", "benchmark", "search", "indices", "guide", "compare", "map")
#: the views of each page type, as class names; the page chosen shows most of them
FEATURES = {
    "technique": ("kb-card", "kb-bibtex", "kb-results", "kb-backlinks", "math-wrapper", "kb-plot"),
    "category": ("kb-card", "kb-techniques", "kb-sortable", "kb-facetable", "kb-relmap", "math-wrapper"),
    "benchmark": ("kb-leaderboard", "kb-sortable", "kb-plot", "kb-protocol", "kb-bibtex"),
}
#: what may scroll sideways inside its own box at phone width: tables (furo's wrapper or ours), and
#: what cannot reflow: a plot or a relation map (kb.css keeps their text legible) and a display equation
SCROLLERS = ".table-wrapper, .kb-table-wrap, .kb-plot-scroll, .kb-relmap-scroll, div.kb-math"


def unavailable(reason: str):
    """Skip locally; fail where the browser tests must run (CI sets ETKB_REQUIRE_BROWSER=1)."""
    if os.environ.get("ETKB_REQUIRE_BROWSER", "") not in ("", "0"):
        pytest.fail(f"{reason}, and ETKB_REQUIRE_BROWSER is set: the browser tests must run", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def playwright_available():
    """Playwright's entry point, once the browser and the package are known to be there."""
    if not CHROMIUM.is_file():
        unavailable(f"no browser at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        unavailable("playwright is not installed (pip install -e '.[test]')")
    return sync_playwright


@pytest.fixture(scope="module")
def chromium(site, playwright_available):
    """The browser, for this module only, started after the site is built.

    A Sphinx build (sphinx-sitemap) forks a multiprocessing manager; a fork made while Playwright
    runs inherits the pipes to Playwright's driver, which then never sees them close and never
    exits. So no Sphinx build may start while the browser is up: build first, stop at module end."""
    with playwright_available() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        yield browser
        browser.close()


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass


@dataclass
class Site:
    url: str  # http://127.0.0.1:<port>/
    outdir: Path
    pages: dict[str, list[str]] = field(default_factory=dict)  # page type -> paths below url


def has_class(html: str, name: str) -> bool:
    return re.search(r'class="(?:[^"]*\s)?' + re.escape(name) + r'[\s"]', html) is not None


def richest(outdir: Path, paths: list[str], features: tuple[str, ...]) -> str:
    """The page that shows most of ``features``; of those, the smallest."""
    def rank(path: str):
        html = (outdir / path).read_text(encoding="utf-8")
        return -sum(has_class(html, f) for f in features), len(html), path
    return min(paths, key=rank)


def two_with_shared_results(outdir: Path) -> list[str]:
    """Two techniques that report results on one benchmark (so a comparison has a results row)."""
    results = json.loads((outdir / "_exports" / "results.json").read_text())["results"]
    by_bench: dict[str, list[str]] = {}
    for r in results:
        if r["technique"] not in by_bench.setdefault(r["benchmark"], []):
            by_bench[r["benchmark"]].append(r["technique"])
    return next(sorted(ts)[:2] for _, ts in sorted(by_bench.items()) if len(ts) >= 2)


def discover(outdir: Path, root_doc: str) -> dict[str, list[str]]:
    """Page type -> page paths, from the exports and the files the build wrote."""
    catalogue = json.loads((outdir / "_exports" / "catalogue.json").read_text())
    benchmarks = [b["page"] for b in catalogue["benchmarks"]
                  if has_class((outdir / b["page"]).read_text(encoding="utf-8"), "kb-leaderboard")]
    pages = {p.relative_to(outdir).as_posix(): p.read_text(encoding="utf-8") for p in sorted(outdir.glob("*.html"))}
    indices = sorted(p.name for p in outdir.glob("kb-*index.html")) + (["genindex.html"] if (outdir / "genindex.html").is_file() else [])
    found = {
        "front": [f"{root_doc}.html"],
        "technique": [richest(outdir, [t["page"] for t in catalogue["techniques"]], FEATURES["technique"])],
        "category": [richest(outdir, [c["page"] for c in catalogue["categories"]], FEATURES["category"])],
        "benchmark": [richest(outdir, benchmarks, FEATURES["benchmark"])] if benchmarks else [],
        "search": ["search.html"] if (outdir / "search.html").is_file() else [],
        "indices": indices,
        # the practitioner's pages: the decision guide, the comparison page (opened with two techniques
        # that share a benchmark, as a ticked table sends them) and the map of the field
        "guide": [p for p in pages if has_class(pages[p], "kb-guide-table")][:1],
        "compare": [f"{p}?t={','.join(two_with_shared_results(outdir))}" for p in pages if has_class(pages[p], "kb-compare-app")][:1],
        "map": [p for p in pages if has_class(pages[p], "kb-relmap") and "taxonomy/" not in p][:1],
    }
    return {kind: paths for kind, paths in found.items() if paths}


@pytest.fixture(scope="module")
def site(playwright_available, real_site):
    """The real site on http://127.0.0.1:<free port>/ (no build when the browser is missing)."""
    outdir = Path(real_site.outdir)
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(outdir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield Site(f"http://127.0.0.1:{server.server_port}/", outdir, discover(outdir, real_site.config.root_doc))
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class Visit:
    """A page and what went wrong while it loaded."""
    page: object
    errors: list[str] = field(default_factory=list)  # console errors and uncaught exceptions
    failed: list[str] = field(default_factory=list)  # requests that failed or answered >= 400
    external: list[str] = field(default_factory=list)  # requests that tried to leave 127.0.0.1 (aborted)


@pytest.fixture
def browse(chromium, site):
    """``browse(path, viewport=DESKTOP, color_scheme="light", permissions=(), wait_until="load")`` -> Visit."""
    contexts = []
    visits = []

    def open_page(path: str, viewport=DESKTOP, color_scheme="light", permissions=(), wait_until="load") -> Visit:
        context = chromium.new_context(viewport=viewport, color_scheme=color_scheme, permissions=list(permissions),
                                       device_scale_factor=1)
        context.set_default_timeout(15_000)
        contexts.append(context)
        visit = Visit(context.new_page())
        visits.append(visit)

        def guard(route):
            if route.request.url.startswith(site.url):
                route.continue_()
            else:
                visit.external.append(route.request.url)
                route.abort("blockedbyclient")

        context.route("**/*", guard)
        page = visit.page
        page.on("console", lambda m: visit.errors.append(f"console {m.type}: {m.text}") if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.errors.append(f"uncaught: {e}"))
        page.on("requestfailed", lambda r: None if r.url in visit.external else visit.failed.append(f"{r.url}: {r.failure}"))
        page.on("response", lambda r: visit.failed.append(f"{r.url}: HTTP {r.status}") if r.status >= 400 else None)
        response = page.goto(site.url + path, wait_until=wait_until)
        assert response is not None and response.ok, f"{path}: HTTP {response and response.status}"
        return visit

    yield open_page
    for context in contexts:
        context.close()
    left = [url for visit in visits for url in visit.external]
    if left:
        pytest.fail(f"requests tried to leave 127.0.0.1: {left}", pytrace=False)


def pages_of(site: Site, kind: str) -> list[str]:
    if kind not in site.pages:
        pytest.skip(f"the site has no {kind} page")
    return site.pages[kind]


def alias_to_search(site: Site) -> tuple[str, str]:
    """(alias, technique page): a one-word alias of one technique that nothing else on its page
    contains, not even inside a longer word (Sphinx's search also matches parts of words), so the
    search can only find the page through the alias."""
    from bs4 import BeautifulSoup

    catalogue = json.loads((site.outdir / "_exports" / "catalogue.json").read_text())
    owners: dict[str, set[str]] = {}
    for t in catalogue["techniques"]:
        for alias in t["aliases"]:
            owners.setdefault(alias.lower(), set()).add(t["id"])
    for t in catalogue["techniques"]:
        words = [a for a in t["aliases"] if re.fullmatch(r"[a-z][a-z0-9]{3,}", a.lower()) and owners[a.lower()] == {t["id"]}]
        if not words:
            continue
        soup = BeautifulSoup((site.outdir / t["page"]).read_text(encoding="utf-8"), "html.parser")
        text = " ".join((soup.select_one("article[role=main]") or soup).get_text(" ").split())
        rest = text.replace(", ".join(t["aliases"]), " ").lower()  # the page without its list of aliases
        for alias in words:
            if alias.lower() not in rest:
                return alias, t["page"]
    pytest.fail("no technique has a one-word alias that only its list of aliases puts on its page")


# --- 1. search ---------------------------------------------------------------------------------


def test_search_finds_a_technique_by_an_alias(site, browse):
    alias, target = alias_to_search(site)
    visit = browse(pages_of(site, "search")[0])
    page = visit.page
    box = page.locator("form[role=search] input[name=q]").first
    box.fill(alias)
    box.press("Enter")
    page.wait_for_url(re.compile(r"[?&]q="))
    page.wait_for_function("() => /\\S/.test(document.querySelector('#search-results .search-summary')?.textContent || '')")
    page.wait_for_load_state("networkidle")  # the result list fills in one item at a time
    hrefs = page.eval_on_selector_all("#search-results ul.search a", "links => links.map(a => a.href)")
    found = {urlsplit(href).path.lstrip("/") for href in hrefs}
    assert target in found, (alias, target, sorted(found))


# --- 2. sorting and filtering a summary table ---------------------------------------------------

COLUMN = """(table, index) => Array.from(table.tBodies[0].rows).filter(r => !r.hidden)
    .map(r => r.cells[index] ? r.cells[index].textContent.trim() : '')"""
# marks the sortable table with the most rows, its filter box and its live region (kb-tables.js puts
# both before the table's wrapper)
BIGGEST_TABLE = """() => {
    const tables = Array.from(document.querySelectorAll('table.kb-sortable'));
    tables.sort((a, b) => b.tBodies[0].rows.length - a.tBodies[0].rows.length);
    const table = tables[0];
    table.dataset.test = 'biggest';
    let filter = null, status = null;
    for (let e = (table.closest('.kb-table-wrap') || table).previousElementSibling; e; e = e.previousElementSibling) {
      if (!status && e.matches('.kb-filter-status')) status = e;
      if (!filter) filter = e.matches('input.kb-filter') ? e : e.querySelector('input.kb-filter');
      if (filter && status) break;
    }
    if (filter) filter.dataset.test = 'biggest-filter';
    if (status) status.dataset.test = 'biggest-status';
  }"""


def numbers(cells: list[str]) -> list[float | None]:
    out = []
    for cell in cells:
        m = re.match(r"-?\d+(?:\.\d+)?", cell)
        out.append(float(m.group()) if m else None)
    return out


def assert_sorted(values: list[float | None], descending: bool) -> None:
    present = [v for v in values if v is not None]
    assert present == sorted(present, reverse=descending), values
    assert values == present + [None] * (len(values) - len(present)), "rows without a value go last"


def sortable_table(visit: Visit):
    visit.page.wait_for_selector("table.kb-sortable button.kb-sort")
    visit.page.evaluate(BIGGEST_TABLE)
    return visit.page.locator("table[data-test=biggest]")


def numeric_column(table, better: str = "", unsorted: bool = False) -> int:
    """Index of the first numeric column with two distinct values (of a metric where ``better`` is
    better; with ``unsorted``, one that the page was not served sorted by)."""
    headers = table.locator("thead th")
    for i in range(headers.count()):
        classes = (headers.nth(i).get_attribute("class") or "").split()
        if (("kb-num" in classes and (not better or f"kb-better-{better}" in classes))
                and (not unsorted or headers.nth(i).get_attribute("aria-sort") == "none")):
            if len({v for v in numbers(table.evaluate(COLUMN, i)) if v is not None}) > 1:
                return i
    pytest.fail(f"no numeric column{' where ' + better + ' is better' if better else ''} with two values")


def test_sorting_the_summary_table_orders_its_rows(site, browse):
    visit = browse(pages_of(site, "front")[0])
    table = sortable_table(visit)
    column = numeric_column(table)
    header = table.locator("thead th").nth(column)
    served, served_sort = table.evaluate(COLUMN, column), header.get_attribute("aria-sort")
    header.locator("button.kb-sort").click()
    direction = header.get_attribute("aria-sort")
    assert direction in ("ascending", "descending") and direction != served_sort
    first = table.evaluate(COLUMN, column)
    assert_sorted(numbers(first), descending=direction == "descending")
    assert sorted(first) == sorted(served) and first != served  # the same rows, in another order
    header.locator("button.kb-sort").click()
    assert header.get_attribute("aria-sort") == ("descending" if direction == "ascending" else "ascending")
    assert_sorted(numbers(table.evaluate(COLUMN, column)), descending=direction == "ascending")


def test_a_leaderboard_sorts_best_first(site, browse):
    visit = browse(pages_of(site, "benchmark")[0])
    table = sortable_table(visit)
    column = numeric_column(table, better="higher", unsorted=True)
    header = table.locator("thead th").nth(column)
    header.locator("button.kb-sort").click()
    assert header.get_attribute("aria-sort") == "descending"  # higher is better: best first
    assert_sorted(numbers(table.evaluate(COLUMN, column)), descending=True)


def filter_state(table) -> dict:
    return table.evaluate("""table => {
        const rows = Array.from(table.tBodies[0].rows);
        return {visible: rows.filter(r => !r.hidden).map(r => r.textContent.toLowerCase()),
                all: rows.map(r => r.textContent.toLowerCase())}; }""")


EMPTY = re.compile(r"^\s*$")


def filter_box(visit: Visit):
    box = visit.page.locator("input[data-test=biggest-filter]")
    assert box.count() == 1, "the table has no filter box"
    return box


def live_region(visit: Visit):
    status = visit.page.locator("[data-test=biggest-status]")
    assert status.count() == 1, "the table's filter has no status line"
    assert status.get_attribute("aria-live") == "polite"
    return status


def test_the_filter_box_narrows_the_rows_and_says_so(site, browse):
    from playwright.sync_api import expect

    visit = browse(pages_of(site, "front")[0])
    table = sortable_table(visit)
    rows = filter_state(table)["all"]
    column = numeric_column(table)
    # a value that some rows show and others do not: the most common value of the numeric column
    values = [v for v in table.evaluate(COLUMN, column) if v]
    needle = max(sorted(set(values)), key=values.count)
    expected = [r for r in rows if needle.lower() in r]
    assert 0 < len(expected) < len(rows)
    box, status = filter_box(visit), live_region(visit)
    expect(status).to_have_text(EMPTY)
    box.fill(needle)
    expect(status).to_contain_text(f"{len(expected)} of {len(rows)}")  # waits, should the script ever debounce
    assert filter_state(table)["visible"] == expected
    box.fill("no row holds this text 7q9x")
    expect(status).to_contain_text("No row matches")
    assert filter_state(table)["visible"] == []
    box.fill("")
    expect(status).to_have_text(EMPTY)
    assert len(filter_state(table)["visible"]) == len(rows)


def test_sort_and_filter_survive_a_reload_through_the_url(site, browse):
    from playwright.sync_api import expect

    visit = browse(pages_of(site, "front")[0])
    page = visit.page
    table = sortable_table(visit)
    column = numeric_column(table)
    header = table.locator("thead th").nth(column)
    header.locator("button.kb-sort").click()
    header.locator("button.kb-sort").click()
    values = [v for v in table.evaluate(COLUMN, column) if v]
    filter_box(visit).fill(values[-1])
    expect(live_region(visit)).not_to_have_text(EMPTY)

    def state():
        return (header.get_attribute("aria-sort"), table.evaluate(COLUMN, 0), filter_box(visit).input_value(),
                live_region(visit).inner_text())

    before = state()
    assert before[0] != "none" and before[2] and before[3]
    assert urlsplit(page.url).query, "the table's state is not in the URL"
    page.reload()
    table = sortable_table(visit)
    header = table.locator("thead th").nth(column)
    assert state() == before


def test_a_long_tables_header_stays_in_view_while_its_rows_scroll(site, browse):
    """The table's own box is the one that scrolls, so the sticky header sticks to it."""
    visit = browse(pages_of(site, "front")[0])
    sortable_table(visit)
    offsets = visit.page.evaluate("""() => {
        const table = document.querySelector('table[data-test=biggest]');
        const box = table.closest('.kb-table-wrap'), th = table.querySelector('thead th');
        if (box.scrollHeight <= box.clientHeight) return null;
        const before = th.getBoundingClientRect().top - box.getBoundingClientRect().top;
        box.scrollTop = box.scrollHeight;
        return [before, th.getBoundingClientRect().top - box.getBoundingClientRect().top, box.scrollTop]; }""")
    if offsets is None:
        pytest.skip("no summary table is long enough to scroll")
    before, after, scrolled = offsets
    assert scrolled > 0 and abs(after - before) < 2, offsets


def test_a_facet_narrows_the_rows_and_survives_a_reload(site, browse):
    """The menus come from the facets the rows carry; a choice keeps exactly the rows carrying it."""
    from playwright.sync_api import expect

    visit = browse(pages_of(site, "front")[0])
    page = visit.page
    page.wait_for_selector("table.kb-facetable button.kb-sort")
    table = page.locator("table.kb-facetable").last
    controls = page.locator(".kb-table-controls").last
    select = controls.locator("select[name=modality]")
    value = select.locator("option").nth(1).get_attribute("value")  # the first value after "any"
    select.select_option(value)
    expected = table.evaluate(f"t => Array.from(t.tBodies[0].rows).filter(r => r.classList.contains('kb-f--modality--{value}')).length")
    visible = table.evaluate("t => Array.from(t.tBodies[0].rows).filter(r => !r.hidden).length")
    assert 0 < visible == expected
    assert f"modality={value}" in urlsplit(page.url).query
    page.reload()
    page.wait_for_selector("table.kb-facetable button.kb-sort")
    expect(page.locator(".kb-table-controls").last.locator("select[name=modality]")).to_have_value(value)
    assert page.locator("table.kb-facetable").last.evaluate("t => Array.from(t.tBodies[0].rows).filter(r => !r.hidden).length") == expected


def test_a_filtered_table_gives_the_bibtex_of_exactly_its_rows(site, browse):
    visit = browse(pages_of(site, "front")[0], permissions=("clipboard-read", "clipboard-write"))
    page = visit.page
    page.wait_for_selector("table.kb-facetable button.kb-sort")
    table = page.locator("table.kb-facetable").last
    controls = page.locator(".kb-table-controls").last
    controls.locator("input.kb-filter").fill("vit")
    shown = table.evaluate("t => Array.from(t.tBodies[0].rows).filter(r => !r.hidden).map(r => r.className.match(/kb-row--(\\S+)/)[1])")
    assert 0 < len(shown) < table.evaluate("t => t.tBodies[0].rows.length")
    controls.locator("button.kb-bibtex-button").click()
    out = controls.locator("textarea.kb-bibtex-out")
    out.wait_for(state="visible")
    text = out.input_value()
    bibtex = json.loads((site.outdir / "_exports" / "bibtex.json").read_text())["techniques"]
    wanted = {bibtex[t] for t in shown if t in bibtex}
    assert {e.strip() for e in text.strip().split("\n\n")} == wanted  # each shown paper once, no other
    assert page.evaluate("() => navigator.clipboard.readText()").strip() == text.strip()


def test_ticked_rows_open_the_same_comparison(site, browse):
    compare = pages_of(site, "compare")[0]
    first, second = urlsplit(compare).query.removeprefix("t=").split(",")
    visit = browse(pages_of(site, "front")[0])
    page = visit.page
    page.wait_for_selector("input.kb-pick")
    for ident in (first, second):
        page.locator(f"table.kb-facetable input.kb-pick[value='{ident}']").last.check()
    link = page.locator("a.kb-compare-link").last
    assert link.inner_text() == "Compare 2 selected"
    link.click()
    page.wait_for_selector("table.kb-compare")
    assert f"t={first},{second}" in page.url
    heads = page.locator("table.kb-compare thead th")
    assert heads.count() == 3
    assert page.locator("table.kb-compare tr.kb-compare-result").count() > 0  # they share a benchmark
    rows = page.locator("table.kb-compare tr.kb-aligned")
    for i in range(rows.count()):  # an aligned row has a number in both columns
        assert all(c.strip() not in ("", "—") for c in rows.nth(i).locator("td").all_inner_texts()[1:])
    heads.nth(2).locator("button.kb-compare-remove").click()
    assert page.url.endswith(f"t={first}") and page.locator(".kb-compare-app .kb-empty").count() == 1


def test_the_guide_keeps_a_choice_in_the_url_and_lists_only_matching_techniques(site, browse):
    from playwright.sync_api import expect

    visit = browse(pages_of(site, "guide")[0])
    page = visit.page
    select = page.locator("form.kb-guide-form select[name=kernels]")
    select.wait_for()
    select.select_option("standard")
    visible = "() => Array.from(document.querySelectorAll('table.kb-guide-table tbody tr')).filter(r => !r.hidden).map(r => r.className)"
    rows = page.evaluate(visible)
    assert rows and all("kb-f--kernels--standard" in r for r in rows)
    expect(page.locator(".kb-guide-status")).to_contain_text(f"{len(rows)} of")
    assert "kernels=standard" in page.url
    page.reload()
    expect(page.locator("form.kb-guide-form select[name=kernels]")).to_have_value("standard")
    assert page.evaluate(visible) == rows
    values = page.locator("form.kb-guide-form select[name=effort] option").all_inner_texts()
    assert values[0] == "any" and len(values) == len(set(values)) > 2  # only values some technique uses


# --- 3. copying the BibTeX ------------------------------------------------------------------------


def test_the_copy_button_puts_the_bibtex_on_the_clipboard(site, browse):
    page_path = pages_of(site, "technique")[0]
    catalogue = json.loads((site.outdir / "_exports" / "catalogue.json").read_text())
    bibkey = next(t["bibkey"] for t in catalogue["techniques"] if t["page"] == page_path)
    visit = browse(page_path, permissions=("clipboard-read", "clipboard-write"))
    block = visit.page.locator(".kb-bibtex").first
    shown = block.locator("pre").inner_text()
    block.hover()
    block.locator("button.copybtn").click()
    copied = visit.page.evaluate("() => navigator.clipboard.readText()")
    assert re.match(r"@\w+\{" + re.escape(bibkey) + ",", copied), copied[:80]
    assert copied.strip() == shown.strip()


# --- 4.-6. every page type: console, requests, width, accessibility --------------------------------


def wait_for_search_results(visit: Visit) -> None:
    if "search.html" in visit.page.url:
        visit.page.wait_for_function("() => /\\S/.test(document.querySelector('#search-results .search-summary')?.textContent || '')")


def with_query(site: Site, kind: str, path: str) -> str:
    """The search page is checked with results on it."""
    return f"{path}?q={alias_to_search(site)[0]}" if kind == "search" else path


@pytest.mark.parametrize("kind", KINDS)
def test_no_console_error_and_no_failed_request(site, browse, kind):
    problems = {}
    for path in pages_of(site, kind):
        visit = browse(with_query(site, kind, path), wait_until="networkidle")
        wait_for_search_results(visit)
        visit.page.wait_for_load_state("networkidle")
        if visit.errors or visit.failed or visit.external:
            problems[path] = visit.errors + visit.failed + [f"left 127.0.0.1: {url}" for url in visit.external]
    assert problems == {}


def test_a_request_that_leaves_127_0_0_1_is_blocked_and_reported(site, browse):
    """The guard every test runs under: the page's CSP already refuses other hosts for its own
    requests, so try a navigation, which no CSP covers."""
    visit = browse(pages_of(site, "front")[0])
    with pytest.raises(Exception, match="ERR_BLOCKED_BY_CLIENT"):
        visit.page.goto("http://example.org/")
    assert visit.external == ["http://example.org/"]
    visit.external.clear()  # seen, and blocked: not a failure of this test


SCROLLING = """selector => Array.from(document.querySelectorAll('body *')).filter(e => {
    const style = getComputedStyle(e);
    return e.scrollWidth > e.clientWidth + 1 && ['auto', 'scroll'].includes(style.overflowX) && !e.matches(selector);
  }).map(e => `${e.tagName.toLowerCase()}.${Array.from(e.classList).join('.')} (${e.scrollWidth} > ${e.clientWidth} px)`)"""


@pytest.mark.parametrize("kind", KINDS)
def test_nothing_overflows_a_phone_screen(site, browse, kind):
    """At 390 px the page never scrolls sideways; only tables (and a plot or an equation, which cannot
    reflow) scroll inside their own box, and every box that scrolls can be reached by keyboard."""
    from axe_playwright_python.sync_playwright import Axe

    problems = {}
    for path in pages_of(site, kind):
        visit = browse(with_query(site, kind, path), viewport=PHONE)
        wait_for_search_results(visit)
        page = visit.page
        width, inner = page.evaluate("() => [document.documentElement.scrollWidth, window.innerWidth]")
        found = [f"the page is {width} px wide"] if width > inner else []
        found += [f"{s} scrolls sideways" for s in page.evaluate(SCROLLING, SCROLLERS)]
        page.evaluate(Axe().axe_script)
        result = page.evaluate("() => axe.run(document, {runOnly: ['scrollable-region-focusable'], resultTypes: ['violations']})")
        found += [f"no keyboard access to {node['target']}" for v in result["violations"] for node in v["nodes"]]
        if found:
            problems[path] = found
    assert problems == {}


BACKGROUND = "() => getComputedStyle(document.body).backgroundColor"


def axe_problems(page, mode: str) -> list[str]:
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [f"{mode}: {v['id']} ({v['impact']}): {v['help']}: " + "; ".join(str(n["target"]) for n in v["nodes"][:5])
            for v in result["violations"] if v["impact"] in ("serious", "critical")]


@pytest.mark.parametrize("kind", KINDS)
def test_axe_finds_no_serious_violation_in_light_and_dark_mode(site, browse, kind):
    from axe_playwright_python.sync_playwright import Axe

    problems = {}
    for path in pages_of(site, kind):
        visit = browse(with_query(site, kind, path))
        wait_for_search_results(visit)
        page = visit.page
        page.evaluate(Axe().axe_script)
        found = axe_problems(page, "light")
        light = page.evaluate(BACKGROUND)
        page.emulate_media(color_scheme="dark")  # furo follows the system by default
        assert page.evaluate(BACKGROUND) != light, "the page did not turn dark"
        found += axe_problems(page, "dark (system)")
        page.emulate_media(color_scheme="light")
        page.evaluate("() => { document.body.dataset.theme = 'dark'; }")  # furo's own theme switch
        assert page.evaluate(BACKGROUND) != light, "the page did not turn dark"
        found += axe_problems(page, "dark (theme switch)")
        if found:
            problems[path] = found
    assert problems == {}, "\n".join(line for lines in problems.values() for line in lines)


# --- 7. screenshots for review -----------------------------------------------------------------------


@pytest.fixture(scope="session")
def screenshots(request, tmp_path_factory) -> Path:
    folder = Path(os.environ["ETKB_SCREENSHOTS"]) if os.environ.get("ETKB_SCREENSHOTS") else tmp_path_factory.mktemp("screenshots")
    folder.mkdir(parents=True, exist_ok=True)
    request.config.stash[SUMMARY].append(f"browser tests: screenshots for review in {folder}")
    return folder


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()[:24]
    assert data[:8] == b"\x89PNG\r\n\x1a\n", path
    return struct.unpack(">II", data[16:24])


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["desktop", "phone"])
@pytest.mark.parametrize("kind", ("front", "technique", "benchmark"))
def test_screenshots_for_review(site, browse, screenshots, kind, viewport):
    path = pages_of(site, kind)[0]
    visit = browse(path, viewport=viewport)
    visit.page.wait_for_load_state("networkidle")
    out = screenshots / f"{kind}-{Path(path).stem}-{viewport['width']}.png"
    visit.page.screenshot(path=str(out), full_page=True)
    width, height = png_size(out)
    assert width == viewport["width"] and height >= viewport["height"], (out, width, height)
