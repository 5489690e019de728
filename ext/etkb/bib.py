"""refs.bib: checked before sphinxcontrib-bibtex reads it, then read through its cache.

sphinxcontrib-bibtex parses ``bibtex_bibfiles`` once per build (cached by mtime in its
domain data); we read entries from there instead of parsing twice. It crashes on a
syntax error and reports a missing file without a location, so at ``config-inited`` we
check each file ourselves: a broken file becomes a located ``kb.bib_file`` warning and
is withheld from that build, so pages citing it get ordinary located warnings.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pybtex.database
import pybtex.errors
from pybtex.backends.plaintext import Backend as PlainText
from pybtex.database import BibliographyData
from pybtex.database.output.bibtex import Writer as BibtexWriter
from pybtex.richtext import Text

from .diagnostics import KbWarning, warn

_ENTRY_START = re.compile(r"@\s*([A-Za-z]+)\s*[{(]\s*([^,\s]+)\s*,")


def check_bibfiles(app, config) -> None:
    """Validate each bib file; withhold the ones that would crash the build."""
    files = list(getattr(config, "bibtex_bibfiles", None) or [])
    keep = []
    for name in files:
        path = Path(app.confdir, name)
        if not path.is_file():
            warn(KbWarning.BIB_FILE, f"bibliography file {name!r} not found (bibtex_bibfiles in conf.py)", _conf_line(app))
            continue
        try:
            text = path.read_text(encoding=getattr(config, "bibtex_encoding", "utf-8-sig") or "utf-8-sig")
        except (OSError, UnicodeDecodeError) as err:
            warn(KbWarning.BIB_FILE, f"cannot read bibliography file: {err}", f"{path}:1")
            continue
        problem = _checked_syntax(app, text)
        if problem:
            line, message = problem
            warn(KbWarning.BIB_FILE, f"{message}; the file is left out of this build", f"{path}:{line}")
            continue
        keep.append(name)
    if keep != files:
        config.bibtex_bibfiles = keep
    config.kb_bib_withheld = keep != files  # the catalogue then does not report each missing key again


def reread_when_bibfiles_change(app, env, added, changed, removed) -> list[str]:
    """``env-get-outdated``: re-read every page that cites, when the usable bib files changed.

    A withheld (broken) file changes ``bibtex_bibfiles`` for one build; the pages read in
    that build stored citations and bibliographies without it, and sphinxcontrib-bibtex
    would never read them again once the file is fixed (they no longer depend on it). So
    whenever the set of usable files differs from the previous build's, those pages are
    read again, and a fixed refs.bib fully recovers on the next build.
    """
    if "cite" not in env.domains:  # sphinxcontrib-bibtex not loaded: no citations to keep fresh
        return []
    kb = env.domains["kb"]
    current = tuple(str(name) for name in env.config.bibtex_bibfiles or ())
    previous = kb.data.get("bibfiles")
    kb.data["bibfiles"] = current
    if previous is None or previous == current:
        return []
    cite = env.domains["cite"]
    citing = {ref.docname for ref in cite.citation_refs} | {key.docname for key in cite.bibliographies}
    return sorted(citing & env.found_docs)


def _conf_line(app) -> str:
    """``conf.py:<line>`` of the ``bibtex_bibfiles`` setting, to point at it."""
    conf = Path(app.confdir, "conf.py")
    try:
        lines = conf.read_text(encoding="utf-8").splitlines()
    except OSError:
        return f"{conf}:1"
    line = next((i for i, text in enumerate(lines, 1) if text.lstrip().startswith("bibtex_bibfiles")), 1)
    return f"{conf}:{line}"


def _checked_syntax(app, text: str) -> tuple[int, str] | None:
    """:func:`_syntax_problem`, remembered beside the doctrees for the text last checked: a strict
    parse of a large refs.bib costs a noticeable part of a build in which nothing changed."""
    import hashlib
    import json

    digest = hashlib.sha1(text.encode("utf-8")).hexdigest()
    cache = Path(app.doctreedir, "etkb-bibcheck.json")
    try:
        known = json.loads(cache.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        known = {}
    if digest in known:
        return tuple(known[digest]) if known[digest] else None
    problem = _syntax_problem(text)
    try:
        cache.parent.mkdir(parents=True, exist_ok=True)
        cache.write_text(json.dumps({**known, digest: problem}, sort_keys=True) if len(known) < 8 else json.dumps({digest: problem}),
                         encoding="utf-8")
    except OSError:
        pass  # a read-only doctree directory only costs the parse next time
    return problem


def _syntax_problem(text: str) -> tuple[int, str] | None:
    """Return (line, message) for the first problem pybtex would raise on, else None."""
    seen: dict[str, int] = {}
    for match in _ENTRY_START.finditer(text):
        key = match.group(2).lower()
        line = text.count("\n", 0, match.start()) + 1
        if match.group(1).lower() in ("comment", "preamble", "string"):
            continue
        if key in seen:
            return line, f"duplicate BibTeX key {match.group(2)!r} (first at line {seen[key]})"
        seen[key] = line
    with _Strict():
        try:
            pybtex.database.parse_string(text, "bibtex")
        except Exception as err:  # pybtex raises several unrelated types; all mean "broken"
            lineno = getattr(err, "lineno", None) or _line_of(err)
            return lineno or 1, f"BibTeX syntax error: {err}"
    return None


def _line_of(err: Exception) -> int | None:
    match = re.search(r"line (\d+)", str(err))
    return int(match.group(1)) if match else None


class _Strict:
    """pybtex only reports some errors (e.g. a duplicate key) in its global strict mode."""

    def __enter__(self):
        self._old = pybtex.errors.strict
        pybtex.errors.set_strict_mode(True)

    def __exit__(self, *exc):
        pybtex.errors.set_strict_mode(self._old)


def entry_lines(path: Path) -> dict[str, int]:
    """The line of each entry's ``@type{key,`` in a bib file, for located warnings."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return {}
    return {m.group(2): text.count("\n", 0, m.start()) + 1 for m in _ENTRY_START.finditer(text)}


@dataclass(frozen=True, slots=True)
class Paper:
    """The fields of one refs.bib entry that pages show, as plain text."""

    key: str
    title: str
    authors: tuple[str, ...]
    year: str
    venue: str
    url: str
    doi: str
    eprint: str
    bibtex: str
    where: str = ""  # "path/to/refs.bib:LINE" of the entry

    def missing(self) -> list[str]:
        """The fields a page shows that this entry lacks."""
        return [name for name, value in (("title", self.title), ("author", self.authors), ("year", self.year)) if not value]


# One backend and one writer: pybtex's render_as() and to_string() look their plugin up
# through package metadata on every call, which dominated the build (see bench/README.md).
_TEXT = PlainText()
_BIBTEX = BibtexWriter()


def latex_to_text(value: str) -> str:
    try:
        text = Text.from_latex(value).render(_TEXT)
    except Exception:  # malformed LaTeX in a field: show it as written, minus braces
        text = value.replace("{", "").replace("}", "")
    return " ".join(text.replace("--", "–").split())


def _person(person) -> str:
    parts = person.first_names + person.middle_names + person.prelast_names + person.last_names + person.lineage_names
    return latex_to_text(" ".join(parts))


def paper_from_entry(key: str, entry, where: str = "") -> Paper:
    fields = entry.fields
    venue = fields.get("journal") or fields.get("booktitle") or ""
    eprint = fields.get("eprint", "")
    if not venue and fields.get("archiveprefix", fields.get("archivePrefix", "")).lower() == "arxiv":
        venue = "arXiv preprint"
    venue = venue or fields.get("howpublished", "") or fields.get("publisher", "")
    try:
        bibtex = _BIBTEX.to_string(BibliographyData({key: entry})).strip()
    except Exception:  # an entry pybtex cannot write back: no BibTeX block
        bibtex = ""
    return Paper(
        key=key,
        title=latex_to_text(fields.get("title", "")),
        authors=tuple(_person(p) for p in entry.persons.get("author", ())),
        year=str(fields.get("year", "")).strip(),
        venue=latex_to_text(venue),
        url=fields.get("url", ""),
        doi=fields.get("doi", ""),
        eprint=eprint,
        bibtex=bibtex,
        where=where,
    )


def bib_stamp(bibdata) -> tuple:
    """What identifies the bib files' content for the caches keyed on it: each path and its mtime."""
    return tuple(sorted((str(path), info.mtime) for path, info in bibdata.bibfiles.items()))


def load_papers(env) -> dict[str, Paper]:
    """All entries of the bib files, from sphinxcontrib-bibtex's cached parse."""
    try:
        bibdata = env.domains["cite"].bibdata
    except (KeyError, AttributeError):
        return {}
    stamp = bib_stamp(bibdata)
    cached = env.domains["kb"].data.get("papers")
    if cached and cached[0] == stamp:
        return cached[1]
    papers = _convert(bibdata)
    env.domains["kb"].data["papers"] = (stamp, papers)
    return papers


def _convert(bibdata) -> dict[str, Paper]:
    where = {}
    for path in bibdata.bibfiles:
        where.update({key: f"{path}:{line}" for key, line in entry_lines(Path(path)).items()})
    return {key: paper_from_entry(key, entry, where.get(key, "")) for key, entry in bibdata.data.entries.items()}


#: Venue patterns and the short names readers know them by, most specific first.
_VENUE_NAMES = (
    (r"Findings of the Association for Computational Linguistics.*EMNLP", "Findings of EMNLP"),
    (r"Findings of the Association for Computational Linguistics", "Findings of ACL"),
    (r"Machine Learning and Systems", "MLSys"),
    (r"Neural Information Processing Systems|NeurIPS", "NeurIPS"),
    (r"International Conference on Learning Representations", "ICLR"),
    (r"International Conference on Machine Learning", "ICML"),
    (r"Computer Vision and Pattern Recognition", "CVPR"),
    (r"International Conference on Computer Vision", "ICCV"),
    (r"European Conference on Computer Vision|ECCV", "ECCV"),
    (r"Empirical Methods in Natural Language Processing|EMNLP", "EMNLP"),
    (r"North American Chapter of the Association for Computational Linguistics", "NAACL"),
    (r"Transactions of the Association for Computational Linguistics", "TACL"),
    (r"Annual Meeting of the Association for Computational Linguistics", "ACL"),
    (r"AAAI Conference", "AAAI"),
    (r"International Joint Conference on Artificial Intelligence", "IJCAI"),
    (r"Transactions on Machine Learning Research", "TMLR"),
    (r"Journal of Machine Learning Research", "JMLR"),
    (r"Pattern Analysis and Machine Intelligence", "TPAMI"),
    (r"International Journal of Computer Vision", "IJCV"),
    (r"Symposium on Operating Systems Principles", "SOSP"),
    (r"High Performance Computing, Networking, Storage and Analysis", "SC"),
    (r"Conference on Language Modeling", "COLM"),
    (r"\bKDD\b", "KDD"),
    (r"ACM Computing Surveys", "ACM Computing Surveys"),
    (r"^arXiv preprint$", "arXiv"),
)
SHORT_VENUE_LENGTH = 24


def short_venue(venue: str) -> str:
    """The short name of a venue for table cells ("NeurIPS", "Findings of EMNLP"); the full
    name stays in the card and on hover. Unknown venues are cut at a word boundary."""
    import re

    for pattern, name in _VENUE_NAMES:
        if re.search(pattern, venue, re.I):
            return f"{name} workshop" if re.search(r"\bworkshop\b", venue, re.I) else name
    if len(venue) <= SHORT_VENUE_LENGTH:
        return venue
    return venue[:SHORT_VENUE_LENGTH].rsplit(" ", 1)[0] + "…"
