"""The bad-input corpus: each mistake is one located kb.* warning, never a traceback."""

from __future__ import annotations

import pytest

from conftest import Build

CASES = {  # the exact text and location of every warning each root gives, in order
    "bad-filter": [
        "index.md:4: 'year': 'twenty-twenty' is not a year or a range like 2019-2022",
        "index.md:8: 'sort': '-popularity' is not a column (name, title, authors, year, venue, categories, modality, targets, complexity, code, applies, stage, results, added, verified)",
        "index.md:9: 'columns': 'colour' is not one of: name, title, authors, year, venue, categories, modality, targets, complexity, code, applies, stage, results, added, verified",
        "index.md:15: kb:plot: :where: 'colour=blue' is not 'setting=value' (';' between several) with a setting of kb:result (baseline, batch-size, epochs, extra-data, hardware, model, precision, protocol, resolution, seq-len, teacher)",
    ],
    "bad-url": [
        "index.md:6: 'code': 'javascript:alert(1)' is not an absolute http(s) URL",
        "index.md:10: 'url': 'data:text/html,hi' is not an absolute http(s) URL",
    ],
    "bad-value": [
        "index.md:6: 'modality': 'smell' is not one of: language, vision, video, speech, multimodal, general",
        "index.md:7: 'added': '2026-13-45' is not a date (YYYY-MM-DD)",
        "index.md:13: 'acc': '12,5' is not a plain number",
    ],
    "bib-checks": [
        "refs.bib:2: key 'Dao2022FlashAttention' breaks the convention <family name><year><first title word>, all lowercase (e.g. 'dao2022flashattention')",
        "refs.bib:9: entry 'lee2021lonely' has no '% verified:' line above it naming where its fields were checked",
        "refs.bib:17: entry 'kim2020bad': '2205-13213' is not a well-formed arXiv id",
        "refs.bib:35: entry 'park2019twice' has the same arXiv id (1901.00001) as 'park2019same': one paper, one entry",
        "refs.bib:44: entry 'nobody2018unused' is used by no page (as :paper:, :source: or a citation); cite it or remove it",
    ],
    "bib-field": [
        "refs.bib:10: entry 'nameless2020entry' lacks title, author, year, which 'index' shows",
    ],
    "bib-missing": [
        "conf.py:2: bibliography file 'refs.bib' not found (bibtex_bibfiles in conf.py)",
    ],
    "bib-syntax": [
        "refs.bib:5: BibTeX syntax error: syntax error in line 5: premature end of file; the file is left out of this build",
    ],
    "category-cycle": [
        "index.md:3: categories form a cycle: a -> b -> a",
    ],
    "duplicate-id": [
        "copy.md:3: duplicate technique id 't': 't' line 3 declares it and keeps it; give this one its own id",
        "repos.md:3: repo id 'code-t' is reserved for the official code of technique 't' (https://example.org/t-code); give this repository another id",
    ],
    "huge-value": [
        "index.md:6: 'complexity': text longer than 500 characters",
        "index.md:13: 'acc': '100000000000000000000000000000000000000000000000000000000...' is not a plain number",
    ],
    "malformed-list": [
        "index.md:5: option 'categories': empty item in list 'attention,,other' (items are separated by single commas)",
        "index.md:6: option 'targets': empty item in list 'latency,' (items are separated by single commas)",
    ],
    "math": [
        "index.md:5: math the site cannot render: '\\foo'; use LaTeX that MathML covers (e.g. \\operatorname{name} for an operator, \\begin{split} for aligned lines)",
        "index.md:14: math the site cannot render: '\\bogus'; use LaTeX that MathML covers (e.g. \\operatorname{name} for an operator, \\begin{split} for aligned lines)",
    ],
    "practitioner": [
        "index.md:6: 'kernels': 'cuda' is not one of: standard, custom",
        "index.md:9: kb:compare needs :techniques: with at least two ids (or :interactive:)",
        "index.md:13: kb:compare: unknown benchmark 'bensh'; did you mean 'bench'?",
        "index.md:18: kb:relmap: unknown category 'nocat'",
    ],
    "misplaced": [
        "index.md:8: a page declares one technique; 't' is already declared here",
        "other.md:3: kb:result outside a technique page needs :technique:",
    ],
    "missing-option": [
        "index.md:3: kb:technique needs option 'paper'",
        "index.md:7: kb:technique needs an id argument",
        "index.md:7: kb:technique needs option 'categories'",
    ],
    "no-title": [
        "index.md:1: the page declaring technique 't' has no title; the id is shown instead",
    ],
    "non-utf8": [
        "bad.md:1: byte 0xe9 is not valid utf-8-sig; it is shown as �",
        "index.md:1: byte 0xe9 is not valid utf-8-sig; it is shown as �",
    ],
    "orphan-category": [
        "index.md:3: category 'lonely' has no :parent: and is not marked :root:, so it is outside the taxonomy",
        "index.md:7: category 'lost': unknown parent category 'nowhere'",
    ],
    "unknown-benchmark": [
        "index.md:9: result: unknown benchmark 'nobench'; did you mean 'bench'?",
    ],
    "unknown-bibkey": [
        "index.md:4: technique 't': paper 'nobody2020nothing' is not in refs.bib",
    ],
    "unknown-category": [
        "index.md:5: technique 't': unknown category 'nosuch' (categories: attention)",
    ],
    "unknown-metric": [
        "index.md:12: result: 'bleu' is neither an option of kb:result nor a metric of benchmark 'bench' (metrics: acc)",
    ],
    "unknown-option": [
        "index.md:6: unknown option 'colour' of kb:technique (known: added, aliases, alternative-to, applies, approximation, builds-on, categories, code, code-status, combines-with, compared-against, complexity, data, extends, hardware, kernels, modality, override-reason, paper, stage, targets, title, verified)",
    ],
    "unknown-ref": [
        "index.md:3: unknown technique 'nope'",
    ],
    "unknown-technique": [
        "index.md:6: technique 't': builds-on unknown technique 'ghost'",
        "index.md:10: result: unknown technique 'phantom'",
    ],
}

SUBTYPES = {
    "unknown-option": ["unknown_option"],
    "bad-value": ["bad_value"] * 3,
    "missing-option": ["missing_option"] * 3,
    "malformed-list": ["malformed_list"] * 2,
    "bad-url": ["bad_url"] * 2,
    "duplicate-id": ["duplicate_id"] * 2,
    "unknown-category": ["unknown_category"],
    "unknown-technique": ["unknown_technique"] * 2,
    "unknown-benchmark": ["unknown_benchmark"],
    "unknown-metric": ["unknown_metric"],
    "unknown-bibkey": ["unknown_bibkey"],
    "unknown-ref": ["unknown_ref"],
    "category-cycle": ["category_cycle"],
    "orphan-category": ["orphan_category", "unknown_category"],
    "bib-missing": ["bib_file"],
    "bib-field": ["bib_field"],
    "no-title": ["no_title"],
    "misplaced": ["misplaced"] * 2,
    "math": ["math"] * 2,
    "practitioner": ["bad_value", "missing_option", "unknown_benchmark", "unknown_category"],
    "bad-filter": ["bad_filter", "bad_filter", "bad_value", "bad_filter"],
    "huge-value": ["bad_value"] * 2,
    "non-utf8": ["encoding"] * 2,
    "bib-syntax": ["bib_file"],
    "bib-checks": ["bib_key", "bib_unverified", "bib_id", "bib_id", "bib_unused"],
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_input_is_one_located_warning_repeated_until_fixed(build, make_app, case):
    result = build(f"bad-{case}")
    warnings = result.kb_warnings()
    assert len(warnings) == len(CASES[case]), warnings
    for got, expected, subtype in zip(warnings, CASES[case], SUBTYPES[case]):
        assert got == f"{expected} [kb.{subtype}]"
    assert "Traceback" not in result.app.warning.getvalue()
    # an unchanged rebuild reads nothing, repeats every warning and still fails -W
    again = make_app("html", srcdir=result.srcdir, warningiserror=True)
    again.build()
    assert Build(again, result.srcdir, result.outdir).kb_warnings() == warnings
    assert again.statuscode != 0


def test_the_corpus_covers_every_warning_subtype():
    from etkb.diagnostics import KbWarning

    covered = {subtype for subtypes in SUBTYPES.values() for subtype in subtypes}
    assert covered == {w.subtype for w in KbWarning}
    assert set(SUBTYPES) == set(CASES)


def test_unknown_reference_is_not_a_link(build):
    result = build("bad-unknown-ref")
    main = result.html("index")
    assert main.find("a", string="nope") is None
    assert main.find("a", string="Attention") is not None


def test_author_text_is_escaped_everywhere(build):
    result = build("bad-escaping")
    raw = (result.outdir / "index.html").read_text()
    for needle in ("<script>alert", "<img src=x", "<b>bold</b>", "<b>Evil</b>", "<i>Table</i>", "<em onclick"):
        assert needle not in raw, needle
    text = result.text("index")
    assert '<script>alert("c")</script>' in text  # shown as text, not run
    assert "<b>bold</b>" in text
    assert '<script>alert("d")</script>' in text  # a repo description
    assert result.kb_warnings() == []


def test_undecodable_page_still_builds_and_warns_again(build, make_app):
    first = build("bad-non-utf8")
    assert "T\N{REPLACEMENT CHARACTER}st" in first.text("index")
    again = make_app("html", srcdir=first.srcdir)
    again.build()
    assert again.warning.getvalue().count("[kb.encoding]") == 2


def test_warnings_are_replayed_on_an_unchanged_rebuild(build, make_app):
    first = build("bad-unknown-category")
    again = make_app("html", srcdir=first.srcdir)
    again.build()
    assert "unknown category 'nosuch'" in again.warning.getvalue()
    assert "[kb.unknown_category]" in again.warning.getvalue()


def test_math_is_mathml_built_at_build_time(build):
    result = build("bad-math")
    page = result.html("index")
    maths = page.select(".kb-math > math")
    assert len(maths) == 5
    assert all("\\" not in m.get_text() for m in maths[:2])  # \mathcal and \arg\max are converted, not passed through
    assert maths[3].find("mtable") is not None  # aligned lines become a table, not stray '&' marks
    scripts = [tag.get("src", "") for tag in result.html("index").find_parent("html").find_all("script")]
    assert not [src for src in scripts if "mathjax" in src.lower() or "tex-" in src]  # no math script at all
