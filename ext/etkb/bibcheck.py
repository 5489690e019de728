"""Checks of refs.bib itself, run with every build (so ``nox -s check`` and ``nox -s docs`` agree).

The key convention, the ``% verified:`` line, well-formed arXiv ids and DOIs, one entry per
paper, the fields every entry needs, and that each entry is used somewhere. Each problem is a
located warning at the entry's line in refs.bib. A syntax error is reported earlier (``kb.bib_file``).
"""

from __future__ import annotations

import re
from pathlib import Path

from .diagnostics import KbWarning
from .records import Problem

KEY_RE = re.compile(r"^[a-z]+\d{4}[a-z0-9]+$")
ARXIV_RE = re.compile(r"^(\d{4}\.\d{4,5}|[a-z-]+(\.[A-Z]{2})?/\d{7})(v\d+)?$")
DOI_RE = re.compile(r"^10\.\d{4,9}/\S+$")
ENTRY_RE = re.compile(r"^@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]+)\s*,", re.M)
VENUE_FIELDS = ("journal", "booktitle", "howpublished", "publisher", "eprint")


def bib_problems(env, used: set[str]) -> list[Problem]:
    """Problems of every bib file in ``bibtex_bibfiles``; ``used`` holds the keys pages use."""
    out: list[Problem] = []
    try:
        bibdata = env.domains["cite"].bibdata
    except (KeyError, AttributeError):
        return out
    seen_ids: dict[tuple[str, str], str] = {}
    for path in bibdata.bibfiles:
        try:
            text = Path(path).read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError):
            continue
        lines = text.splitlines()
        for match in ENTRY_RE.finditer(text):
            kind, key = match.group(1).lower(), match.group(2)
            if kind in ("comment", "preamble", "string"):
                continue
            line = text.count("\n", 0, match.start()) + 1
            where = f"{path}:{line}"

            def problem(subtype: KbWarning, message: str, where=where, line=line) -> None:
                out.append(Problem(subtype.subtype, message, "", line, where))  # the line orders the report

            entry = bibdata.data.entries.get(key)
            if not KEY_RE.match(key):
                problem(KbWarning.BIB_KEY, f"key {key!r} breaks the convention <family name><year><first title word>, "
                        f"all lowercase (e.g. {_suggest(key)!r})")
            elif entry is not None and entry.fields.get("year") and entry.fields["year"].strip() not in key:
                problem(KbWarning.BIB_KEY, f"key {key!r} does not contain the entry's year {entry.fields['year'].strip()}")
            if not _verified_above(lines, line):
                problem(KbWarning.BIB_UNVERIFIED, f"entry {key!r} has no '% verified:' line above it naming where its "
                        "fields were checked")
            if entry is None:
                continue
            # title, author and year are checked where a page shows them (kb.bib_field, catalogue); the venue here
            if entry.fields.get("title") and not any(entry.fields.get(name) for name in VENUE_FIELDS):
                problem(KbWarning.BIB_FIELD, f"entry {key!r} names no venue (journal, booktitle, or eprint for an arXiv preprint)")
            for field, pattern, label in (("eprint", ARXIV_RE, "arXiv id"), ("doi", DOI_RE, "DOI")):
                value = entry.fields.get(field, "").strip()
                if not value:
                    continue
                if not pattern.match(value):
                    problem(KbWarning.BIB_ID, f"entry {key!r}: {value!r} is not a well-formed {label}")
                    continue
                other = seen_ids.setdefault((field, value.lower()), key)
                if other != key:
                    problem(KbWarning.BIB_ID, f"entry {key!r} has the same {label} ({value}) as {other!r}: one paper, one entry")
            if key not in used:
                problem(KbWarning.BIB_UNUSED, f"entry {key!r} is used by no page (as :paper:, :source: or a citation); "
                        "cite it or remove it")
    return out


def _verified_above(lines: list[str], line: int) -> bool:
    """A ``% verified:`` line in the comment block directly above the entry (line is 1-based)."""
    i = line - 2
    while i >= 0 and lines[i].lstrip().startswith("%"):
        if lines[i].lstrip().lstrip("%").strip().lower().startswith("verified:"):
            return True
        i -= 1
    return False


def _suggest(key: str) -> str:
    match = re.match(r"^([A-Za-z]+)(\d{4})([A-Za-z0-9]*)", key)
    return "".join(part.lower() for part in match.groups()) if match else key.lower()


def used_keys(env, decls) -> set[str]:
    """Keys some page uses: papers of techniques and benchmarks, result sources, citations."""
    used = set()
    for decl in decls:
        if decl.get("paper"):
            used.add(decl.get("paper"))
        source = decl.get("source")
        if source:
            used.add(source[0])
    try:
        cite = env.domains["cite"]
        for ref in cite.citation_refs:
            used.update(target.key for target in ref.targets)
    except (KeyError, AttributeError):
        pass
    return used
