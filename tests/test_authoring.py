"""An author's path, end to end: scaffold a page, fill it, make each usual mistake and get exactly
one located message with a way forward, fix it and get a clean check. Also: the generated
reference lists every id the catalogue knows."""

from __future__ import annotations

import shutil

import pytest

from conftest import ROOT
from etkb import check, scaffold

BIB = """
% verified: test fixture (the paper's own page)
@inproceedings{dao2022flash,
  title = {Flash Things},
  author = {Dao, Tri and Fu, Dan},
  booktitle = {Conference on Things},
  year = {2022}
}
"""

RESULT = """
```{kb:result}
:benchmark: bench
:source: dao2022flash, Table 1
:model: flash-base
:acc: 61.5
```
"""

PAGE = "docs/techniques/flash.md:"
TECH = ":categories: attention\n"

#: (what the author types wrongly, the exact place it points to, the hint it must give)
MISTAKES = {
    "misspelt required option": ((":categories: attention", ":catgories: attention"),
                                 PAGE, "did you mean 'categories'? (kb:technique needs 'categories')"),
    "unknown category": ((":categories: attention", ":categories: attentoin"), PAGE,
                         "did you mean 'attention'?"),
    "value outside the vocabulary": ((TECH, TECH + ":targets: latncy\n"), PAGE,
                                     "did you mean 'latency'?"),
    "unknown bib key": ((":paper: dao2022flash", ":paper: dao2022flsh"), PAGE,
                        "did you mean 'dao2022flash'?"),
    "unknown metric": ((":acc: 61.5", ":acc1: 61.5"), PAGE, "did you mean 'acc'?"),
    "unknown benchmark": ((":benchmark: bench", ":benchmark: bnech"), PAGE, "did you mean 'bench'?"),
    "unknown relation": ((TECH, TECH + ":builds-on: flsh\n"), PAGE, "did you mean 'flash'?"),
    "unknown role target": (("## Problem\n", "## Problem\n\nSee {kb:tech}`flsh`.\n"), PAGE,
                            "did you mean 'flash'?"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("author") / "site"
    shutil.copytree(ROOT / "roots" / "test-author", root)
    return root


def test_scaffold_writes_a_page_that_builds_and_prints_a_bib_skeleton(site, capsys, monkeypatch):
    monkeypatch.chdir(site)
    assert scaffold.main(["flash", "--paper", "dao2022flash", "--category", "attention"], root=site) == 0
    printed = capsys.readouterr().out
    assert "@inproceedings{dao2022flash," in printed and "% verified:" in printed
    page = (site / "docs" / "techniques" / "flash.md").read_text()
    for section in ("## Problem", "## Key idea", "## How it works", "## Results", "## Trade-offs and limitations",
                    "## Related techniques"):
        assert section in page
    from etkb.schema import TECHNIQUE

    for field in TECHNIQUE.fields:  # every option documented inline
        assert f"% :{field.name}:" in page
    # it never overwrites, and a mistyped category gets the nearest ids
    assert scaffold.main(["flash", "--paper", "dao2022flash", "--category", "attention"], root=site) == 2
    assert scaffold.main(["other", "--paper", "dao2022flash", "--category", "atention"], root=site) == 2
    assert "did you mean attention" in capsys.readouterr().err.lower()
    # the author adds the entry and fills a result: a clean check
    (site / "refs.bib").write_text((site / "refs.bib").read_text() + BIB)
    (site / "docs" / "techniques" / "flash.md").write_text(page.replace("## Results\n", "## Results\n" + RESULT))
    assert check.problems(site / "docs") == []
    # with the entry present, the scaffold prefills the paper's title and authors
    assert scaffold.main(["flash-two", "--paper", "dao2022flash", "--category", "attention"], root=site) == 0
    assert "Flash Things (Tri Dao, Dan Fu" in (site / "docs" / "techniques" / "flash-two.md").read_text()
    (site / "docs" / "techniques" / "flash-two.md").unlink()


@pytest.mark.parametrize("mistake", sorted(MISTAKES))
def test_each_mistake_is_one_located_message_with_a_hint(site, monkeypatch, mistake):
    monkeypatch.chdir(site)
    page = site / "docs" / "techniques" / "flash.md"
    good = page.read_text()
    (old, new), where, hint = MISTAKES[mistake]
    assert old in good
    page.write_text(good.replace(old, new, 1))
    try:
        found = check.problems(site / "docs")
    finally:
        page.write_text(good)
    assert len(found) == 1, found
    assert found[0].startswith(where) and ": kb." in found[0] and hint in found[0], found[0]
    assert check.problems(site / "docs") == []  # fixed: clean again


def test_reference_lists_every_category_and_metric_id_of_the_catalogue(shared_build):
    import json

    result = shared_build("basic")
    catalogue = json.loads((result.outdir / "_exports" / "catalogue.json").read_text())
    vocabulary = result.html("vocabulary").get_text(" ")
    for category in catalogue["categories"]:
        assert category["id"] in vocabulary
    for bench in catalogue["benchmarks"]:
        assert bench["id"] in vocabulary
        for metric in bench["metrics"]:
            assert metric["id"] in vocabulary
