"""Aggregates: summary-table filters, category pages, taxonomy, leaderboards, indices, exports."""

from __future__ import annotations

import csv
import json


def rows(table):
    return [[td.get_text(" ", strip=True) for td in tr.select("td")] for tr in table.select("tbody tr")]


def test_summary_table_filters_columns_and_order(shared_build):
    result = shared_build("tables")
    assert result.kb_warnings() == []
    main = result.html("table")
    tables = main.select("table.kb-techniques")
    assert rows(tables[0]) == [["Gamma", "2022"], ["Beta", "2021"]]          # year range, descending
    assert [r[0] for r in rows(tables[1])] == ["Alpha"]                       # venue substring
    assert [r[0] for r in rows(tables[2])] == ["Alpha"]                       # code, modality, target
    assert rows(tables[3]) == [["Alpha"], ["Beta"]]                           # c1 without sub-category c2
    assert rows(tables[4]) == [["Alpha"], ["Beta"]]                           # limit 2 of 3 (c2 included)
    assert "No technique matches" in main.get_text()                          # empty result explained


def test_category_page_shows_subcategories_and_member_table(shared_build):
    result = shared_build("tables")
    main = result.html("c1")
    assert "Cat Two (1)" in main.get_text(" ")
    assert [r[0] for r in rows(main.select_one("table.kb-techniques"))] == ["Gamma", "Beta", "Alpha"]  # -year, name


def test_taxonomy_tree_has_counts(shared_build):
    result = shared_build("tables")
    tree = result.html("index").select_one("ul.kb-taxonomy")
    assert " ".join(tree.get_text(" ").split()) == "Cat One (3) Cat Two (1)"


def test_leaderboard_ranks_and_links_every_cell_to_its_source(shared_build):
    result = shared_build("tables")
    board = result.html("bench").select_one("table.kb-leaderboard")
    body = rows(board)
    assert [r[0] for r in body] == ["Alpha", "Gamma", "Beta"]  # best first; the 50.5 tie broken by id
    for tr in board.select("tbody tr"):
        source = tr.select("td")[-1]
        assert source.find("a")["href"].split("#")[1].startswith("kb-technique-")
        assert "Table 1" in source.get_text()


def test_domain_indices_list_techniques_and_repos(shared_build):
    result = shared_build("tables")
    az = (result.outdir / "kb-techindex.html").read_text()
    assert "Alpha" in az and "Gamma" in az
    repos = (result.outdir / "kb-repoindex.html").read_text()
    assert "official-code" in repos and "https://github.com/x/alpha" in repos


def test_exports_match_the_declared_data(shared_build):
    result = shared_build("tables")
    out = result.outdir / "_exports"
    catalogue = json.loads((out / "catalogue.json").read_text())
    assert catalogue["schema"] == "etkb-catalogue" and catalogue["schema_version"] == 1
    alpha = next(t for t in catalogue["techniques"] if t["id"] == "alpha")
    assert alpha == alpha | {"name": "Alpha", "title": "Alpha Attention", "authors": ["Ann Alpha"], "year": 2020,
                             "venue": "Conference One", "categories": ["c1"], "code": "https://github.com/x/alpha",
                             "page": "alpha.html"}
    assert [c["id"] for c in catalogue["categories"]] == ["c1", "c2"]
    assert catalogue["benchmarks"][0]["metrics"][0] == {"id": "acc", "label": "acc", "unit": "", "better": "higher",
                                                        "kind": "quality"}
    results = json.loads((out / "results.json").read_text())["results"]
    assert [(r["technique"], r["metric"], r["value"], r["source_where"]) for r in results] == [
        ("alpha", "acc", 50.5, "Table 1"), ("alpha", "flops", 1.5, "Table 1"), ("beta", "acc", 40.5, "Table 1"),
        ("beta", "flops", 1.4, "Table 1"), ("gamma", "acc", 50.5, "Table 1"), ("gamma", "flops", 1.5, "Table 1")]
    with open(out / "results.csv", newline="") as fh:
        assert [row["technique"] for row in csv.DictReader(fh)] == ["alpha", "alpha", "beta", "beta", "gamma", "gamma"]


def test_leaderboard_draws_accuracy_versus_cost_without_author_markup(build, tmp_path):
    import shutil

    result = build("tables")
    plot = result.html("bench").select_one(".kb-plot")
    svg = plot.find("svg")
    assert svg["aria-label"] == "Scatter plot of acc, higher is better against flops (G), lower is better for 3 results of 3 techniques."
    assert "Alpha" not in str(svg)  # text is drawn as paths: author text never becomes markup
    assert "one point per reported result" in plot.get_text()
    copy = tmp_path / "again"
    shutil.copytree(result.srcdir, copy, ignore=shutil.ignore_patterns("_build"))
    again = build("tables", srcdir=copy)
    assert str(again.html("bench").select_one(".kb-plot svg")) == str(svg)  # deterministic bytes


def test_no_plot_without_a_cost_metric(shared_build):
    result = shared_build("fresh")
    assert result.html("bench").select_one(".kb-plot") is None


def test_table_script_only_where_a_table_can_use_it(shared_build):
    result = shared_build("tables")
    assert 'src="_static/kb-tables.js' in (result.outdir / "table.html").read_text()
    assert "kb-tables.js" not in (result.outdir / "alpha.html").read_text()
    assert "_static/kb.css" in (result.outdir / "alpha.html").read_text()
    assert (result.outdir / "_static" / "kb-tables.js").is_file()


def test_leaderboard_metric_headers_say_which_direction_is_better(shared_build):
    """The table script sorts a higher-is-better metric best first on the first click."""
    result = shared_build("tables")
    heads = [th for th in result.html("bench").select("table.kb-leaderboard thead th") if "kb-num" in th.get("class", [])]
    assert heads and all({"kb-better-higher", "kb-better-lower"} & set(th["class"]) for th in heads)
