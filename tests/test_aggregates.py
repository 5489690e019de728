"""Aggregates: summary-table filters, category pages, taxonomy, leaderboards, indices, exports."""

from __future__ import annotations

import csv
import json

import pytest


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
    assert "Alpha" in svg.get_text()  # the legend is real text: readable by screen readers and search, and light
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


def test_every_export_is_valid_against_its_published_schema(shared_build):
    import jsonschema

    from etkb.exports import EXPORTS

    out = shared_build("tables").outdir / "_exports"
    for name, schema_name, _ in EXPORTS:
        schema = json.loads((out / schema_name).read_text())
        jsonschema.Draft202012Validator.check_schema(schema)
        validator = jsonschema.Draft202012Validator(schema)
        if name.endswith(".csv"):
            with open(out / name, newline="") as fh:
                rows = list(csv.DictReader(fh))
            assert rows
            for row in rows:
                validator.validate(row)
        else:
            validator.validate(json.loads((out / name).read_text()))
    bibtex = json.loads((out / "bibtex.json").read_text())["techniques"]
    assert bibtex["alpha"].startswith("@") and "alpha2020one" in bibtex["alpha"]


def test_a_broken_export_fails_its_schema(shared_build):
    """The schemas constrain: a wrong type or a missing field is caught."""
    import jsonschema

    out = shared_build("tables").outdir / "_exports"
    schema = json.loads((out / "results.schema.json").read_text())
    results = json.loads((out / "results.json").read_text())
    results["results"][0]["value"] = "fifty"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(results, schema)
    del results["results"][0]["value"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(results, schema)


def test_data_page_links_every_export_and_its_schema(shared_build):
    from etkb.exports import EXPORTS

    result = shared_build("tables")
    page = result.html("data")
    hrefs = {a["href"] for a in page.select("table.kb-exports a")}
    for name, schema_name, _ in EXPORTS:
        assert {f"_exports/{name}", f"_exports/{schema_name}"} <= hrefs
        assert (result.outdir / "_exports" / name).is_file()
    fields = [tr.find("td").get_text(strip=True) for tr in page.select("table.kb-export-fields tbody tr")]
    assert "techniques[].id" in fields and "value" in fields


def test_summary_rows_carry_their_facets_and_the_served_order(shared_build):
    result = shared_build("tables")
    tables = result.html("table").select("table.kb-techniques")
    first = tables[0]  # :sort: -year, columns name, year
    assert "kb-sorted-descending" in first.select("thead th")[1]["class"]
    alpha = next(row for t in tables for row in t.select("tbody tr") if "kb-row--alpha" in row["class"])
    classes = set(alpha["class"])
    assert {"kb-f--category--c1", "kb-f--modality--vision", "kb-f--target--flops", "kb-f--code--yes", "kb-f--year--2020"} <= classes
    labels = json.loads(result.html("table").select_one("script.kb-facet-labels").string)
    assert labels["category"]["c1"] == "Cat One"


def test_a_category_facet_includes_its_ancestors(shared_build):
    """A technique of sub-category c2 is kept when a reader filters by its parent c1."""
    result = shared_build("tables")
    rows = [row for row in result.html("table").select("table.kb-techniques tbody tr")]
    in_c2 = [row for row in rows if "kb-f--category--c2" in row["class"]]
    assert in_c2 and all("kb-f--category--c1" in row["class"] for row in in_c2)


def test_venue_cells_are_short_with_the_full_name_on_hover():
    from etkb.bib import short_venue

    assert short_venue("Advances in Neural Information Processing Systems") == "NeurIPS"
    assert short_venue("Findings of the Association for Computational Linguistics: EMNLP 2023") == "Findings of EMNLP"
    assert short_venue("EMC2 Workshop at the Conference on Neural Information Processing Systems") == "NeurIPS workshop"
    assert short_venue("Proceedings of Machine Learning and Systems") == "MLSys"
    assert short_venue("Some Very Long Regional Symposium on Things") == "Some Very Long Regional…"
    assert short_venue("Conference One") == "Conference One"
