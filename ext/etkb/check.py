"""``nox -s check``: every validation of the build, without writing a page.

Runs Sphinx's ``dummy`` builder over the site (reading is incremental, into its own doctree
cache under ``docs/_build/check``), and prints each problem as ``path:line: kb.<subtype>: message``
(the form editors and pre-commit understand), then a count. Exit status 1 when anything is
reported. The warnings are the build's own: refs.bib checks, every kb.* subtype, and Sphinx's.
"""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

WARNING_RE = re.compile(r"^(?P<where>.*?): (?:WARNING|ERROR|CRITICAL): (?P<message>.*?)(?: \[(?P<type>[\w.]+)\])?$")
ANSI = re.compile(r"\x1b\[[0-9;]*m")


def problems(docs: Path) -> list[str]:
    from sphinx.application import Sphinx

    out = docs / "_build" / "check"
    warnings = io.StringIO()
    app = Sphinx(str(docs), str(docs), str(out), str(out / ".doctrees"), "dummy",
                 status=None, warning=warnings, freshenv=False, keep_going=True)
    app.build()
    lines = []
    for line in ANSI.sub("", warnings.getvalue()).splitlines():
        match = WARNING_RE.match(line.strip())
        if not match or (match["type"] or "").startswith("app."):  # registry notices when Sphinx runs twice in one process
            continue
        where = match["where"]
        try:  # paths relative to where the author runs the check
            path, _, rest = where.partition(":")
            where = f"{Path(path).resolve().relative_to(Path.cwd())}{':' + rest if rest else ''}"
        except ValueError:
            pass
        lines.append(f"{where}: {match['type'] or 'sphinx'}: {match['message']}")
    return lines


def main(argv: list[str] | None = None) -> int:
    docs = Path((argv or sys.argv[1:] or ["docs"])[0]).resolve()
    found = problems(docs)
    for line in found:
        print(line)
    print(f"{len(found)} problem{'s' if len(found) != 1 else ''}" if found else "no problems", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
