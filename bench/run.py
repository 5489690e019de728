"""``nox -s bench``: build synthetic sites side by side and report the ratios.

Each build runs in its own process; wall time by ``time.perf_counter``, peak memory
from the child's ``ru_maxrss``. Results go to ``bench/results/<stamp>.json`` and a table
on stdout. Quick mode: N = 100 and 1000, one run; full mode: N = 100, 1000, 3000.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from synth import generate

HERE = Path(__file__).resolve().parent
EXT = HERE.parent / "ext"


def sphinx(src: Path, out: Path, jobs: int = 1) -> dict:
    """One sphinx-build in a child process: seconds, peak RSS (MB), exit code."""
    cmd = [sys.executable, "-m", "sphinx", "-b", "html", "-q", "-j", str(jobs), str(src), str(out)]
    start = time.perf_counter()
    with tempfile.TemporaryFile() as stderr:  # a file, not a pipe: a full pipe would block the build
        proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=stderr, env={**os.environ, "PYTHONHASHSEED": "0"})
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - start
        stderr.seek(0)
        errors = stderr.read().decode(errors="replace")
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"build of {src} failed:\n{errors[-2000:]}")
    return {"seconds": round(seconds, 2), "peak_mb": round(usage.ru_maxrss / 1024, 1)}


def written(out: Path, before: dict) -> int:
    return sum(1 for p in out.rglob("*.html") if before.get(p) != p.stat().st_mtime_ns)


def snapshot(out: Path) -> dict:
    return {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}


def page_kb(out: Path) -> float:
    pages = list((out / "techniques").glob("t*.html"))
    return round(sum(p.stat().st_size for p in pages) / len(pages) / 1024, 1)


STOCK_FURO_MAX = 1000  # stock furo is quadratic: ~9 min at 1000 pages, over an hour at 3000


def measure(n: int, work: Path, parallel: bool, stock: bool = True) -> dict:
    row: dict = {"n": n}
    variants = ("plain", "plain-nav", "kb") if stock and n <= STOCK_FURO_MAX else ("plain-nav", "kb")
    for variant in variants:
        src = generate(work / f"{variant}-{n}", n, variant, EXT)
        out = work / f"{variant}-{n}-html"
        full = sphinx(src, out, jobs=1)
        row[variant] = {**full, "per_page_ms": round(1000 * full["seconds"] / n, 1), "page_kb": page_kb(out)}
        if variant == "kb":
            page = src / "techniques" / "t0001.md"
            before = snapshot(out)
            page.write_text(page.read_text().replace("Some discussion", "Edited discussion"))
            body = sphinx(src, out)
            row["kb"]["edit_body"] = {**body, "pages_written": written(out, before)}
            before = snapshot(out)
            text = page.read_text()
            old = next(line for line in text.splitlines() if line.startswith(":categories:"))
            page.write_text(text.replace(old, ":categories: cat-000"))
            cats = sphinx(src, out)
            row["kb"]["edit_categories"] = {**cats, "pages_written": written(out, before)}
            before = snapshot(out)
            row["kb"]["no_change"] = {**sphinx(src, out), "pages_written": written(out, before)}
        if parallel and variant != "plain":
            out2 = work / f"{variant}-{n}-html-j2"
            row[variant]["j2"] = sphinx(src, out2, jobs=2)
    if "plain" in row:
        row["kb_over_plain"] = round(row["kb"]["seconds"] / row["plain"]["seconds"], 2)
    row["kb_over_plain_nav"] = round(row["kb"]["seconds"] / row["plain-nav"]["seconds"], 2)
    row["edit_body_over_full"] = round(row["kb"]["edit_body"]["seconds"] / row["kb"]["seconds"], 3)
    return row


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--full", action="store_true", help="N = 100, 1000, 3000 (else 100 and 1000)")
    parser.add_argument("--sizes", type=int, nargs="*", help="override the sizes")
    parser.add_argument("--no-parallel", action="store_true", help="skip the -j 2 builds")
    parser.add_argument("--no-stock", action="store_true", help="skip the stock-furo baseline (slow: quadratic)")
    parser.add_argument("--work", type=Path, default=Path(os.environ.get("TMPDIR", "/tmp")) / "etkb-bench")
    args = parser.parse_args()
    sizes = args.sizes or ([100, 1000, 3000] if args.full else [100, 1000])
    rows = []
    for n in sizes:
        row = measure(n, args.work, parallel=not args.no_parallel, stock=not args.no_stock)
        rows.append(row)
        print(json.dumps(row), flush=True)
    base = rows[0]
    print(f"\n{'N':>6} {'plain s':>8} {'nav s':>7} {'kb s':>8} {'kb/nav':>7} {'ms/page':>8} {'vs N0':>6} {'-j2 s':>7} "
          f"{'edit s':>7} {'written':>7} {'cats s':>7} {'written':>7} {'peak MB':>8} {'KB/page':>8} {'plain KB':>8}")
    for r in rows:
        kb = r["kb"]
        plain = r.get("plain", {"seconds": "-", "page_kb": "-"})
        print(f"{r['n']:>6} {plain['seconds']:>8} {r['plain-nav']['seconds']:>7} {kb['seconds']:>8} "
              f"{r['kb_over_plain_nav']:>7} {kb['per_page_ms']:>8} "
              f"{kb['per_page_ms'] / base['kb']['per_page_ms']:>6.2f} {kb.get('j2', {}).get('seconds', '-'):>7} "
              f"{kb['edit_body']['seconds']:>7} {kb['edit_body']['pages_written']:>7} {kb['edit_categories']['seconds']:>7} "
              f"{kb['edit_categories']['pages_written']:>7} {kb['peak_mb']:>8} {kb['page_kb']:>8} {plain['page_kb']:>8}")
    results = HERE / "results"
    results.mkdir(exist_ok=True)
    path = results / time.strftime("%Y%m%d-%H%M%S.json")
    path.write_text(json.dumps({"sizes": sizes, "rows": rows}, indent=1))
    print(f"\nwritten to {path}")


if __name__ == "__main__":
    main()
