"""Machine-readable exports of the catalogue and of all results, written with the HTML.

Files (in ``<outdir>/_exports/``), all sorted by id so two builds give identical bytes:

- ``catalogue.json``: ``{"schema": "etkb-catalogue", "schema_version": 1, "techniques": [...],
  "categories": [...], "benchmarks": [...], "repos": [...]}``
- ``results.json``: ``{"schema": "etkb-results", "schema_version": 1, "results": [...]}``
- ``bibtex.json``: ``{"schema": "etkb-bibtex", "schema_version": 1, "techniques": {id: entry}}``, the
  BibTeX of each technique's paper (what a filtered table's "BibTeX of the rows shown" collects).
- ``techniques.csv`` and ``results.csv``: the same rows, flat; list cells are joined
  with ``"; "``. Text cells that a spreadsheet would run as a formula are prefixed with ``'``.

Each file has a JSON Schema in ``schemas/`` (published beside it, documented on the Data page by
``kb:exports``); a CSV file's schema describes one row.

Bump ``SCHEMA_VERSION`` whenever a field changes meaning or disappears; adding fields is compatible.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from pathlib import Path

from .bib import short_venue
from .output import is_web, write_if_changed

SCHEMA_VERSION = 1
EXPORT_DIR = "_exports"
SCHEMA_DIR = Path(__file__).parent / "schemas"
#: Every export, its schema and what it holds (the Data page lists them from here).
EXPORTS = (
    ("catalogue.json", "catalogue.schema.json", "Every technique, category, benchmark and repository, with facets and relations."),
    ("results.json", "results.schema.json", "Every reported number, one record per metric value, with its setting and source."),
    ("bibtex.json", "bibtex.schema.json", "The BibTeX entry of each technique's paper, by technique id."),
    ("techniques.csv", "techniques-csv.schema.json", "The techniques of catalogue.json as a flat table."),
    ("results.csv", "results-csv.schema.json", "The records of results.json as a flat table."),
)
TECHNIQUE_FIELDS = ("id", "name", "title", "authors", "year", "venue", "bibkey", "doi", "eprint", "url", "categories",
                    "modality", "targets", "complexity", "code", "code_status", "aliases", "applies", "stage",
                    "approximation", "kernels", "data", "page", "added", "verified")
RESULT_FIELDS = ("technique", "benchmark", "metric", "value", "unit", "better", "model", "resolution", "seq_len",
                 "precision", "hardware", "batch_size", "extra_data", "teacher", "epochs", "baseline", "protocol", "note",
                 "source_bibkey", "source_where", "page")


def technique_records(cat, page_of) -> list[dict]:
    out = []
    for ident in cat.ids("technique"):
        decl = cat.get("technique", ident)
        paper = cat.paper_of("technique", ident)
        year = paper.year if paper else ""
        out.append({
            "id": ident,
            "name": cat.title("technique", ident),
            "title": decl.get("title") or (paper.title if paper else ""),
            "authors": list(paper.authors) if paper else [],
            "year": int(year) if year.isdigit() else None,
            "venue": paper.venue if paper else "",
            "venue_short": short_venue(paper.venue) if paper else "",
            "bibkey": decl.get("paper"),
            "doi": paper.doi if paper else "",
            "eprint": paper.eprint if paper else "",
            "url": paper.url if paper else "",
            "categories": list(cat.tech_categories.get(ident, ())),
            "modality": list(decl.get("modality", ())),
            "targets": list(decl.get("targets", ())),
            "complexity": decl.get("complexity") or "",
            "code": decl.get("code") or "",
            "code_status": cat.code_status(ident),
            "aliases": list(decl.get("aliases", ())),
            "applies": list(decl.get("applies", ())),
            "stage": list(decl.get("stage", ())),
            "approximation": decl.get("approximation") or "",
            "kernels": decl.get("kernels") or "",
            "data": decl.get("data") or "",
            "relations": [{"type": label, "technique": other} for label, other in cat.relations.get(ident, ())],
            "page": page_of(decl.docname),
            "added": decl.get("added") or "",
            "verified": decl.get("verified") or "",
        })
    return out


def result_records(cat, page_of) -> list[dict]:
    """One record per reported number (long format): easy to filter, plot and join."""
    out = []
    for r in cat.results:
        metrics = {m.id: m for m in cat.metrics.get(r.benchmark, ())}
        for metric, value, raw in r.values:
            m = metrics.get(metric)
            setting = dict(r.setting)
            out.append({
                "technique": r.technique,
                "benchmark": r.benchmark,
                "metric": metric,
                "value": value,
                "value_text": raw,  # as the source printed it (trailing zeros kept)
                "unit": m.unit if m else "",
                "better": m.better if m else "",
                **{k.replace("-", "_"): setting.get(k) for k in
                   ("model", "resolution", "seq-len", "precision", "hardware", "batch-size", "extra-data", "teacher", "epochs",
                    "baseline", "protocol", "note")},
                "source_bibkey": r.source_key,
                "source_where": r.source_where,
                "page": page_of(r.docname),
            })
    return out


def catalogue(cat, page_of) -> dict:
    return {
        "schema": "etkb-catalogue",
        "schema_version": SCHEMA_VERSION,
        "techniques": technique_records(cat, page_of),
        "categories": [
            {"id": c, "name": cat.title("category", c), "parent": cat.get("category", c).get("parent"),
             "children": list(cat.children.get(c, ())), "page": page_of(cat.get("category", c).docname)}
            for c in cat.ids("category")
        ],
        "benchmarks": [
            {"id": b, "name": cat.title("benchmark", b), "bibkey": cat.get("benchmark", b).get("paper"),
             "metrics": [{"id": m.id, "label": m.label, "unit": m.unit, "better": m.better, "kind": m.kind}
                         for m in cat.metrics.get(b, ())],
             "page": page_of(cat.get("benchmark", b).docname)}
            for b in cat.ids("benchmark")
        ],
        "repos": [
            {"id": r.id, "title": r.title, "url": r.url, "kind": r.kind, "description": r.description,
             "techniques": list(r.techniques)}
            for r in cat.repos.values()
        ],
    }


def bibtex_entries(cat) -> dict[str, str]:
    entries = {}
    for ident in cat.ids("technique"):
        paper = cat.paper_of("technique", ident)
        if paper is not None and paper.bibtex:
            entries[ident] = paper.bibtex.strip()
    return entries


def safe_cell(value) -> str | int | float:
    """A CSV cell; lists joined, and text a spreadsheet would evaluate made inert."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return value
    if isinstance(value, list):
        value = "; ".join(str(v) for v in value)
    value = str(value)
    if value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def to_csv(rows: list[dict], fields: tuple[str, ...]) -> str:
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=fields, extrasaction="ignore", lineterminator="\n")
    writer.writeheader()
    for row in rows:
        writer.writerow({k: safe_cell(row.get(k)) for k in fields})
    return buffer.getvalue()


def write_exports(app, exception) -> None:
    """``build-finished``: write the exports next to the HTML (HTML builders only)."""
    if exception is not None or not is_web(app.builder):
        return
    domain = app.env.domains["kb"]
    out = Path(app.outdir, EXPORT_DIR)
    # The exports are a function of the freshness inputs (every page's records, the papers, the titles),
    # the builder's page addresses and this module with its schemas. The stamp lives beside the
    # doctrees, which are never published, and is written last, so an interrupted build writes again.
    source = Path(__file__).read_bytes() + b"".join(p.read_bytes() for p in sorted(SCHEMA_DIR.glob("*.json")))
    stamp = hashlib.sha1(repr((domain.data.get("fingerprint_inputs"), app.builder.name, str(out))).encode() + source).hexdigest()
    stamp_file = Path(app.doctreedir, "etkb-exports.stamp")
    expected = [name for name, _, _ in EXPORTS]
    if stamp_file.is_file() and stamp_file.read_text() == stamp and all((out / name).is_file() for name in expected):
        return  # nothing the exports show has changed
    cat = domain.catalog

    def page_of(docname: str) -> str:
        return app.builder.get_target_uri(docname)

    data = catalogue(cat, page_of)
    results = {"schema": "etkb-results", "schema_version": SCHEMA_VERSION, "results": result_records(cat, page_of)}
    out.mkdir(parents=True, exist_ok=True)
    bibtex = {"schema": "etkb-bibtex", "schema_version": SCHEMA_VERSION, "techniques": bibtex_entries(cat)}
    files = {
        "catalogue.json": json.dumps(data, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
        "results.json": json.dumps(results, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
        "bibtex.json": json.dumps(bibtex, indent=1, sort_keys=True, ensure_ascii=False) + "\n",
        "techniques.csv": to_csv(data["techniques"], TECHNIQUE_FIELDS),
        "results.csv": to_csv(results["results"], RESULT_FIELDS),
    }
    files.update({schema.name: schema.read_text(encoding="utf-8") for schema in sorted(SCHEMA_DIR.glob("*.schema.json"))})
    for name, text in files.items():
        write_if_changed(out / name, text)
    stamp_file.write_text(stamp)
