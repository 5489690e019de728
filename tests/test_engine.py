"""Directives, roles and the technique page rendered from the records."""

from __future__ import annotations


def test_technique_card_shows_bib_fields_and_metadata(shared_build):
    result = shared_build("basic")
    assert result.kb_warnings() == ["fast.md:7: 'targets': 'memory-x' is not one of: params, flops, latency, throughput, "
                                    "inference-memory, training-memory, energy [kb.bad_value]"]
    card = result.html("fast").select_one(".kb-card")
    text = " ".join(card.get_text(" ").split())
    assert "Fast Attention for Everyone" in text  # title from refs.bib, braces removed
    assert "Jane Doe, Richard Roe" in text
    assert "Venue : ICLR 2020" in text  # the short name on the card,
    assert card.find("abbr")["title"] == "International Conference on Learning Representations"  # the full one on hover
    assert "Modality : language" in text
    assert "Reduces" not in text  # the whole bad option is dropped, not half-applied
    links = {a.get_text(" ", strip=True): a["href"] for a in card.find_all("a")}
    assert links["Attention"].endswith("attention.html#kb-category-attention")
    assert links["https://github.com/example/fast"] == "https://github.com/example/fast"


def test_reference_section_formats_the_paper_and_its_bibtex(shared_build):
    result = shared_build("basic")
    ref = result.html("fast").select_one("section#kb-reference")
    assert "Jane Doe and Richard Roe. Fast Attention for Everyone." in " ".join(ref.get_text(" ").split())
    assert "@inproceedings" in ref.select_one(".kb-bibtex").get_text()
    assert ref.find("a", href="https://arxiv.org/abs/2001.00001") is not None


def test_results_table_names_setting_and_source(shared_build):
    result = shared_build("basic")
    table = result.html("fast").select_one("table.kb-results")
    cells = [td.get_text(" ", strip=True) for td in table.select("tbody td")]
    assert cells == ["base", "61.5", "doe2020fast , Table 2"]
    source = table.select("tbody td")[-1].find("a")
    assert source["href"].endswith("#kb-technique-fast-attn")


def test_roles_resolve_with_titles_and_aliases(shared_build):
    result = shared_build("roles")
    main = result.html("index")
    links = {a.get_text(" ", strip=True): a["href"] for a in main.find_all("a", href=True) if "kb-" in a["href"]}
    assert links["FastAttn"].endswith("fast.html#kb-technique-fast-attn")
    assert links["by alias"].endswith("fast.html#kb-technique-fast-attn")
    assert links["Attention"].endswith("attention.html#kb-category-attention")
    assert links["Bench"].endswith("bench.html#kb-benchmark-bench")
    assert links["the library"] == "#kb-repo-lib"
    assert links["any role"].endswith("fast.html#kb-technique-fast-attn")
    assert links["markdown link"].endswith("fast.html#kb-technique-fast-attn")
    assert result.kb_warnings() == []


def test_backlinks_list_pages_that_reference_a_technique(shared_build):
    result = shared_build("roles")
    back = result.html("fast").select_one("section#kb-referenced-by")
    assert [a.get_text(strip=True) for a in back.select("ul.kb-backlinks a")] == ["Bench", "Roles"]


def test_category_and_benchmark_pages(shared_build):
    result = shared_build("basic")
    assert "the top level of the taxonomy" in result.text("attention")
    bench = result.text("bench")
    assert "acc (%), higher is better, quality" in bench
    assert "Results recorded : 1" in bench


def test_reference_page_lists_every_option_and_warning_subtype(shared_build):
    from etkb.diagnostics import KbWarning
    from etkb.schema import SCHEMAS

    result = shared_build("reference")
    main = result.html("index")
    for name, schema in SCHEMAS.items():
        section = main.select_one(f"section#kb-ref-{name}")
        options = [td.get_text(strip=True) for td in section.select("tbody tr td:first-child")]
        assert options == [f":{f.name}:" for f in schema.fields]
    subtypes = [td.get_text(strip=True) for td in main.select("section#kb-ref-warnings tbody tr td:first-child")]
    assert subtypes == [f"kb.{w.subtype}" for w in KbWarning]
    assert "language, vision" in main.select_one("section#kb-ref-technique").get_text()
