"""kb:compare: techniques side by side, results aligned only within one setting."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def compared(shared_build):
    result = shared_build("compare")
    assert result.warnings == []
    return result


def rows(result, page="versus"):
    table = result.html(page).select_one("table.kb-compare")
    return [([td.get_text(" ", strip=True) for td in tr.select("td")], tr.get("class", [])) for tr in table.select("tbody tr")]


def test_columns_follow_the_chosen_order_and_link_each_technique(compared):
    heads = compared.html("versus").select("table.kb-compare thead th")
    assert [th.get_text(strip=True) for th in heads] == ["", "Alpha", "Gamma", "Beta"]
    assert [th.a["href"] for th in heads[1:]] == ["alpha.html#kb-technique-alpha", "gamma.html#kb-technique-gamma",
                                                  "beta.html#kb-technique-beta"]


def test_facets_line_up_one_row_each(compared):
    fields = {cells[0]: cells[1:] for cells, classes in rows(compared) if "kb-compare-field" in classes}
    assert fields["Paper"] == ["Alpha Attention", "Gamma Distillation", "Beta Pruning"]
    assert fields["Modality"] == ["vision", "language", "—"]
    assert fields["Data needed"] == ["—", "calibration", "—"] and fields["Kernels"] == ["custom", "standard", "—"]
    assert fields["Code"][0].startswith("code") and fields["Code"][1:] == ["—", "—"]


def test_results_align_within_a_setting_and_a_lone_setting_is_flagged(compared):
    results = [(cells, classes) for cells, classes in rows(compared) if "kb-compare-result" in classes]
    aligned = [cells for cells, classes in results if "kb-aligned" in classes]
    lone = [cells for cells, classes in results if "kb-unaligned" in classes]
    assert aligned[0][1:] == ["50.5 (base) — alpha2020one , Table 1", "50.5 (base) — gamma2022three , Table 1",
                              "40.5 (base) — beta2021two , Table 1"]
    assert len(lone) == 1 and "resolution 384" in lone[0][0] and "not aligned" in lone[0][0]
    assert lone[0][1:] == ["—", "60.25 (large) — gamma2022three , Table 2", "—"]  # never placed beside the 224-pixel numbers


def test_summary_tables_point_to_the_comparison_page(compared):
    from bs4 import BeautifulSoup

    head = BeautifulSoup((compared.outdir / "index.html").read_text(), "html.parser").head
    assert head.find("meta", attrs={"name": "kb-compare-page"})["content"] == "compare.html"
    page = BeautifulSoup((compared.outdir / "compare.html").read_text(), "html.parser")
    assert page.select_one(".kb-compare-app") is not None
    assert any("kb-compare.js" in (s.get("src") or "") for s in page.find_all("script"))
    assert page.select_one(".kb-compare-noscript").get_text(strip=True)  # says what to do without JavaScript


def test_an_unknown_technique_in_a_comparison_is_a_located_warning(build):
    import shutil

    result = build("compare")
    (result.srcdir / "versus.md").write_text("# Versus\n\n```{kb:compare}\n:techniques: alpha, gamm\n```\n")
    again = build("compare", srcdir=result.srcdir)
    assert "versus.md:3: kb:compare: unknown technique 'gamm'; did you mean 'gamma'? [kb.unknown_technique]" in again.kb_warnings()
    assert "versus.md:3: kb:compare needs :techniques: with at least two ids (or :interactive:)" not in " ".join(again.kb_warnings())
    shutil.rmtree(result.srcdir / "_build", ignore_errors=True)


def test_the_guide_groups_by_what_applying_takes_and_rows_carry_every_facet(compared):
    page = compared.html("guide")
    groups = [g.select_one("p.rubric").get_text(strip=True) for g in page.select(".kb-guide-group")]
    assert groups == ["A calibration set, no training", "Training from scratch", "Not recorded"]
    gamma = page.select_one("tr.kb-row--gamma")
    assert {"kb-f--effort--calibration", "kb-f--kernels--standard", "kb-f--modality--language"} <= set(gamma["class"])
    cells = [td.get_text(" ", strip=True) for td in gamma.select("td")]
    assert cells[-1] == "50.5 acc on Bench (base) — gamma2022three , Table 1"  # the headline result names its source
    alpha = page.select_one("tr.kb-row--alpha")
    assert "kb-f--kernels--custom" in alpha["class"]
    import json

    whole = compared.html("guide").find_parent("html")
    assert "kb-tables.js" in str(whole)
    choices = json.loads(whole.select_one("script.kb-guide-choices").string)
    assert set(choices) == {"modality", "stage", "effort", "target", "approximation", "kernels"}


def test_the_relation_map_is_a_static_svg_whose_nodes_link_to_their_pages(compared):
    figure = compared.html("map").select_one(".kb-relmap")
    svg = figure.find("svg")
    assert svg["role"] == "img" and "3 techniques" in svg["aria-label"] and "2 relations" in svg["aria-label"]
    hrefs = {a.get("xlink:href") or a.get("href") for a in svg.find_all("a")}
    assert {"alpha.html#kb-technique-alpha", "gamma.html#kb-technique-gamma", "beta.html#kb-technique-beta"} <= hrefs
    assert "builds on, alternative to" in figure.get_text()


def test_each_category_page_maps_its_own_techniques(compared):
    section = compared.html("c1").select_one("#kb-relation-map")
    assert section is not None and section.find("svg") is not None  # gamma (c2, under c1) builds on alpha (c1)
    lone = compared.html("c2").select_one("#kb-relation-map")
    assert lone.find("svg") is None and "no relations" in lone.get_text()
