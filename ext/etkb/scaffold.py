"""``nox -s new -- <id> --paper <bibkey> --category <id>``: start a technique page.

The page comes from the same :data:`~etkb.schema.TECHNIQUE` schema the build validates with:
every option is listed above the directive with its type, vocabulary and meaning, the
required ones are filled in, and the sections of the content standard are laid out in order.
The page lands in ``docs/techniques/``, whose toctree picks it up by glob. An existing page is
never overwritten. Title and authors are read from ``refs.bib``; a key that is not there yet
gets a ``refs.bib`` skeleton printed, following the key convention.
"""

from __future__ import annotations

import argparse
import datetime
import difflib
import re
import sys
from pathlib import Path

from .schema import ID_RE, TECHNIQUE

SECTIONS = (
    ("Problem", "What cost the technique attacks, and why that cost matters."),
    ("Key idea", "One paragraph a practitioner remembers."),
    ("How it works", "Precise enough to implement from: name every symbol, give the defining equation or algorithm."),
    ("Results", "Headline numbers as kb:result blocks; each names its benchmark, setting and source table or README."),
    ("Trade-offs and limitations", "What it costs in accuracy, generality, kernels and training; when not to use it."),
    ("Related techniques", "How it relates to techniques already in the knowledge base (also declare the relations above)."),
)

VOCABULARIES = {
    "kb_modalities": "language, vision, video, speech, multimodal, general",
    "kb_targets": "params, flops, latency, throughput, inference-memory, training-memory, energy",
}


def category_ids(docs: Path) -> list[str]:
    return sorted(re.findall(r"^```\{kb:category\}\s+(\S+)", "\n".join(
        p.read_text(encoding="utf-8") for p in (docs / "taxonomy").glob("*.md")), flags=re.M))


def bib_entry(bib: Path, key: str) -> dict[str, str] | None:
    """Title and authors of one refs.bib entry (plain text), or None when the key is absent."""
    from pybtex.database import parse_string

    text = bib.read_text(encoding="utf-8")
    if not re.search(r"@\w+\{\s*" + re.escape(key) + r"\s*,", text):
        return None
    try:
        entry = parse_string(text, "bibtex").entries[key]
    except Exception:  # a broken refs.bib: the build reports it; the page still gets its skeleton
        return {"title": "", "authors": ""}
    from .bib import latex_to_text, paper_from_entry

    paper = paper_from_entry(key, entry)
    return {"title": latex_to_text(paper.title), "authors": ", ".join(paper.authors), "venue": paper.venue, "year": paper.year}


def option_lines() -> list[str]:
    lines = []
    for field in TECHNIQUE.fields:
        allowed = VOCABULARIES.get(field.vocab) if isinstance(field.vocab, str) else ", ".join(field.vocab or ())
        kind = f"comma list of {field.kind}" if field.many else field.kind
        extra = f"; one of: {allowed}" if allowed else ""
        lines.append(f"% :{field.name}: ({kind}{extra}){' REQUIRED' if field.required else ''} {field.help}")
    return lines


def page_text(ident: str, paper: str, category: str, entry: dict | None, today: str) -> str:
    title = (entry or {}).get("title") or ident
    if entry and entry["title"]:
        about = f"% Paper: {entry['title']} ({entry['authors']}; {entry.get('venue', '')} {entry.get('year', '')})"
    else:
        about = f"% Paper: {paper} (add it to refs.bib; see the skeleton printed by `nox -s new`)"
    out = [f"# {title}", "", about,
           "% The heading is the technique's name as readers know it; the card shows the paper's title and authors.",
           "% Every option of kb:technique (move the ones that apply into the block below; see docs/authoring.md):",
           *option_lines(), "",
           f"```{{kb:technique}} {ident}", f":paper: {paper}", f":categories: {category}",
           f":added: {today}", "```", ""]
    for name, help_text in SECTIONS:
        out += [f"## {name}", "", f"% {help_text}", "TODO", ""]
    out[-1:] = []
    return "\n".join(out) + "\n"


def bib_skeleton(key: str, today: str) -> str:
    return "\n".join([
        f"% verified: <where each field was checked, e.g. official README BibTeX, github.com/org/repo at commit ...> ({today})",
        f"@inproceedings{{{key},",
        "  title         = {<title, with {Braces} around words that must keep their capitals>},",
        "  author        = {<Family, Given and Family, Given and ... every author, in order>},",
        "  booktitle     = {<the venue of the final publication, written out>},",
        "  year          = {<year>},",
        "  eprint        = {<arXiv id, e.g. 2205.13213>},",
        "  archivePrefix = {arXiv},",
        "  url           = {<https://...>}",
        "}",
    ])


KEY_RE = re.compile(r"^[a-z]+\d{4}[a-z0-9]+$")


def main(argv: list[str] | None = None, root: Path | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nox -s new --", description=__doc__.splitlines()[0])
    parser.add_argument("id", help="the technique's id (lowercase, digits and hyphens), e.g. flashattention")
    parser.add_argument("--paper", required=True, help="its refs.bib key, e.g. dao2022flashattention")
    parser.add_argument("--category", required=True, help="its category id (a taxonomy leaf where possible)")
    args = parser.parse_args(argv)
    root = root or Path.cwd()
    docs, bib = root / "docs", root / "refs.bib"
    today = datetime.date.today().isoformat()
    if not ID_RE.match(args.id):
        print(f"error: id {args.id!r} must be lowercase letters, digits and hyphens, e.g. 'token-merging'", file=sys.stderr)
        return 2
    page = docs / "techniques" / f"{args.id}.md"
    if page.exists():
        print(f"error: {page.relative_to(root)} already exists; it is never overwritten", file=sys.stderr)
        return 2
    categories = category_ids(docs)
    if args.category not in categories:
        near = difflib.get_close_matches(args.category, categories, n=3)
        hint = f" Did you mean {', '.join(near)}?" if near else f" Categories: {', '.join(categories)}."
        print(f"error: unknown category {args.category!r}.{hint}", file=sys.stderr)
        return 2
    entry = bib_entry(bib, args.paper) if bib.is_file() else None
    page.parent.mkdir(parents=True, exist_ok=True)
    page.write_text(page_text(args.id, args.paper, args.category, entry, today), encoding="utf-8")
    print(f"wrote {page.relative_to(root)} (the techniques toctree picks it up; no index to edit)")
    if entry is None:
        if not KEY_RE.match(args.paper):
            print(f"note: {args.paper!r} does not follow the key convention <family name><year><first title word>, "
                  "e.g. dao2022flashattention (see the top of refs.bib)")
        print(f"\n{args.paper!r} is not in refs.bib yet; add this entry (every field checked against the paper):\n")
        print(bib_skeleton(args.paper, today))
    print("\nNext: fill the sections, then run `nox -s check` (seconds) and `nox -s serve` to preview.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
