"""The real site: builds with -W, and holds every entry of the seed list."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from conftest import REPO

SEED = Path(__file__).parent / "data" / "seed-links.json"  # every [text](url) of the seed list


@pytest.fixture(scope="module")
def site(real_site):
    """One full build of a copy of docs/ and refs.bib, warnings as errors (shared with the browser tests)."""
    return real_site


def test_docs_build_without_warnings(site):
    assert site.statuscode == 0
    warnings = site.warning.getvalue()
    assert "WARNING" not in warnings and "ERROR" not in warnings, warnings


def seed_links() -> list[tuple[str, str]]:
    return [tuple(link) for link in json.loads(SEED.read_text(encoding="utf-8"))["links"]]


def test_every_seed_paper_and_link_is_in_the_site(site):
    bib = (REPO / "refs.bib").read_text(encoding="utf-8")
    catalogue = json.loads((Path(site.outdir) / "_exports" / "catalogue.json").read_text())
    urls = {r["url"] for r in catalogue["repos"]} | {t["code"] for t in catalogue["techniques"]}
    missing = []
    for text, url in seed_links():
        if text == "Code" or "github.com" in url or not re.search(r"arxiv|openreview|acm|^$", url):
            if url and url not in urls:
                missing.append((text, url))
            continue
        if m := re.search(r"arxiv\.org/abs/([\d.]+)", url):
            found = re.search(r"eprint\s*=\s*\{" + re.escape(m.group(1)) + r"\}", bib) is not None
        elif m := re.search(r"openreview\.net/forum\?id=([\w-]+)", url):
            found = m.group(1) in bib
        elif m := re.search(r"(10\.\d{4,}/[\w.]+)", url):
            found = m.group(1) in bib
        else:  # a seed entry without a link: find it by title
            found = text.lower().split(":")[0] in bib.lower()
        if not found:
            missing.append((text, url))
    assert not missing


def test_every_bib_entry_is_cited_and_every_technique_paper_exists(site):
    bib = (REPO / "refs.bib").read_text(encoding="utf-8")
    keys = re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M)
    sources = "\n".join(p.read_text(encoding="utf-8") for p in (REPO / "docs").rglob("*.md"))
    uncited = [k for k in keys if k not in sources]
    assert not uncited
    catalogue = json.loads((Path(site.outdir) / "_exports" / "catalogue.json").read_text())
    assert all(t["bibkey"] in keys and t["title"] and t["authors"] and t["year"] for t in catalogue["techniques"])


def test_front_page_table_lists_every_technique(site):
    from bs4 import BeautifulSoup

    catalogue = json.loads((Path(site.outdir) / "_exports" / "catalogue.json").read_text())
    soup = BeautifulSoup((Path(site.outdir) / "index.html").read_text(), "html.parser")
    tables = soup.select("article[role=main] table.kb-techniques")
    full = tables[-1]
    headers = [th.get_text(" ", strip=True) for th in full.select("thead th")]
    assert headers[:4] == ["Technique", "Year", "Venue", "Categories"] and "Code" in headers
    names = [row.select("td")[0].get_text(strip=True) for row in full.select("tbody tr")]
    assert sorted(names) == sorted(t["name"] for t in catalogue["techniques"])


def test_every_technique_is_listed_on_each_of_its_category_pages(site):
    """Readers reach a technique from its categories (the bounded sidebar lists only the current one)."""
    from bs4 import BeautifulSoup

    catalogue = json.loads((Path(site.outdir) / "_exports" / "catalogue.json").read_text())
    category_page = {c["id"]: c["page"] for c in catalogue["categories"]}
    unlisted = []
    for technique in catalogue["techniques"]:
        target = Path(technique["page"]).name
        for category in technique["categories"]:
            soup = BeautifulSoup((Path(site.outdir) / category_page[category]).read_text(), "html.parser")
            table = soup.select_one("article[role=main] table.kb-techniques")
            hrefs = {a["href"].split("#")[0].rsplit("/", 1)[-1] for a in table.select("a[href]")} if table else set()
            if target not in hrefs:
                unlisted.append((technique["id"], category))
    assert not unlisted


def test_lra_leaderboard_shows_the_papers_table_apart_and_every_cell_as_declared(site):
    """Each number in the LRA paper's own table equals the declared result, and rows reported by
    a model's own authors (another protocol) never share a table with them."""
    from bs4 import BeautifulSoup

    results = json.loads((Path(site.outdir) / "_exports" / "results.json").read_text())["results"]
    declared = {(r["technique"], r["metric"]): r["value"] for r in results
                if r["benchmark"] == "lra" and r["source_bibkey"] == "tay2021long" and r["source_where"] == "Table 1"}
    assert declared
    soup = BeautifulSoup((Path(site.outdir) / "benchmarks" / "lra.html").read_text(), "html.parser")
    main = soup.select_one("article[role=main]")
    labels = [p.get_text(" ", strip=True) for p in main.select("p.kb-protocol")]
    tables = main.select("table.kb-leaderboard")
    own = tables[labels.index("Protocol: the benchmark paper's own runs")]
    metric_of = {"ListOps": "listops", "Text": "text", "Retrieval": "retrieval", "Image": "image",
                 "Pathfinder": "pathfinder", "Average": "avg"}
    headers = [th.get_text(" ", strip=True).split(" (")[0] for th in own.select("thead th")]
    checked = 0
    for row in own.select("tbody tr"):
        cells = [td.get_text(" ", strip=True) for td in row.select("td")]
        technique = row.select_one("td a")["href"].split("#kb-technique-")[-1]
        for header, cell in zip(headers, cells):
            if header in metric_of:
                assert float(cell) == declared[(technique, metric_of[header])], (technique, header)
                checked += 1
        assert "reported by the model's authors" not in " ".join(cells)
    assert checked == len(declared)
    assert main.select_one(".kb-plot svg") is not None  # accuracy against throughput at 4K


def test_every_leaderboard_cell_is_a_declared_result(site):
    """On every benchmark page, each leaderboard row shows the values of a result declared for that
    technique, model and source: no cell is computed, rounded or taken from another row."""
    from collections import defaultdict

    from bs4 import BeautifulSoup

    results = json.loads((Path(site.outdir) / "_exports" / "results.json").read_text())["results"]
    catalogue = json.loads((Path(site.outdir) / "_exports" / "catalogue.json").read_text())
    declared = defaultdict(lambda: defaultdict(dict))  # (technique, model, source) -> row page+line -> metric -> value
    for r in results:
        key = (r["technique"], r["model"] or "", f"{r['source_bibkey']}, {r['source_where']}")
        row = tuple(sorted((k, str(v)) for k, v in r.items() if k not in ("metric", "value", "value_text", "unit", "better")))
        declared[key][row][r["metric"]] = r["value"]
    checked = 0
    for bench in catalogue["benchmarks"]:
        labels = {m["label"]: m["id"] for m in bench["metrics"]}
        soup = BeautifulSoup((Path(site.outdir) / bench["page"]).read_text(), "html.parser")
        for table in soup.select("article[role=main] table.kb-leaderboard"):
            headers = [th.get_text(" ", strip=True) for th in table.select("thead th")]
            metric_at = {i: labels[h.rsplit(" (", 1)[0].rstrip(" ↑↓").strip()] for i, h in enumerate(headers)
                         if h.rsplit(" (", 1)[0].rstrip(" ↑↓").strip() in labels}
            for row in table.select("tbody tr"):
                cells = [td.get_text(" ", strip=True) for td in row.select("td")]
                technique = row.select_one("td a")["href"].split("#kb-technique-")[-1]
                model = cells[headers.index("Model")] if "Model" in headers else ""
                source_td = row.select("td")[headers.index("Source")]
                readme = source_td.select_one("a.kb-external[title]")  # a README source is shown as a short link
                key = source_td.select_one(".kb-source-key").get_text(strip=True)
                source = f"{key}, {readme['title']}" if readme else cells[headers.index("Source")].replace(" ,", ",")
                shown = {metric_at[i]: float(c) for i, c in enumerate(cells) if i in metric_at and c not in ("–", "")}
                candidates = declared[(technique, model, source)].values()
                assert any(all(v.get(m) == x for m, x in shown.items()) for v in candidates), (bench["id"], technique, model, shown)
                checked += len(shown)
    assert checked > 0


def test_no_id_appears_twice_on_any_page(site):
    """furo wraps each table and copies its attributes onto the wrapper, so our tables carry no id."""
    from collections import Counter

    from bs4 import BeautifulSoup

    repeated = {}
    for page in Path(site.outdir).rglob("*.html"):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        counts = Counter(tag["id"] for tag in soup.find_all(id=True))
        if twice := [i for i, n in counts.items() if n > 1]:
            repeated[str(page.relative_to(site.outdir))] = twice
    assert repeated == {}


def test_the_bibliography_is_published_and_linked(site):
    from bs4 import BeautifulSoup

    page = Path(site.outdir) / "resources" / "index.html"
    link = BeautifulSoup(page.read_text(), "html.parser").select_one("a.download[href$='refs.bib']")
    assert link is not None
    assert (page.parent / link["href"]).resolve().read_text(encoding="utf-8") == (REPO / "refs.bib").read_text(encoding="utf-8")


def test_every_page_names_a_favicon_that_exists(site):
    from bs4 import BeautifulSoup

    catalogue = json.loads((Path(site.outdir) / "_exports" / "catalogue.json").read_text())
    for page in (Path(site.outdir) / "index.html", Path(site.outdir) / catalogue["techniques"][0]["page"]):
        icon = BeautifulSoup(page.read_text(), "html.parser").select_one("link[rel~=icon]")
        assert icon is not None and (page.parent / icon["href"]).is_file()


def test_a_papers_bibtex_can_be_copied(site):
    """sphinx-copybutton puts a copy button on highlighted code blocks; the BibTeX block is one."""
    from bs4 import BeautifulSoup

    catalogue = json.loads((Path(site.outdir) / "_exports" / "catalogue.json").read_text())
    soup = BeautifulSoup((Path(site.outdir) / catalogue["techniques"][0]["page"]).read_text(), "html.parser")
    assert any("copybutton" in (s.get("src") or "") for s in soup.find_all("script"))
    assert soup.select_one(".kb-bibtex .highlight pre, div.kb-bibtex pre, .highlight-bibtex pre") is not None


def test_a_technique_page_stays_light(site):
    """The Lighthouse budget in a form a test can hold (bench/README.md has the Lighthouse runs): no
    math script (math is MathML), and a technique page with everything it loads stays small."""
    from bs4 import BeautifulSoup

    out = Path(site.outdir)
    catalogue = json.loads((out / "_exports" / "catalogue.json").read_text())
    weights = {}
    for technique in catalogue["techniques"]:
        page = out / technique["page"]
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        assets = [tag.get("src") for tag in soup.find_all("script") if tag.get("src")]
        assets += [tag["href"] for tag in soup.find_all("link", rel="stylesheet")]
        assert not [a for a in assets if "mathjax" in a.lower()], technique["page"]
        files = [(page.parent / a.split("?")[0]).resolve() for a in assets]
        weights[technique["page"]] = page.stat().st_size + sum(f.stat().st_size for f in files if f.is_file())
    heaviest = max(weights, key=weights.get)
    assert weights[heaviest] < 400 * 1024, (heaviest, weights[heaviest])
