"""The ``kb_*`` configuration values: plain data only, read-affecting (``rebuild='env'``)."""

from __future__ import annotations

DEFAULTS: dict[str, tuple[str, ...]] = {
    "kb_modalities": ("language", "vision", "video", "speech", "multimodal", "general"),
    "kb_targets": ("params", "flops", "latency", "throughput", "inference-memory", "training-memory", "energy"),
    "kb_repo_kinds": ("official-code", "library", "awesome-list", "paper-list", "course", "benchmark", "website", "tool"),
}

HELP = {
    "kb_modalities": "Vocabulary of :modality: (techniques, benchmarks).",
    "kb_targets": "Vocabulary of :targets: (what a technique reduces).",
    "kb_repo_kinds": "Vocabulary of a repository's :kind:.",
}


def setup_config(app) -> None:
    for name, default in DEFAULTS.items():
        app.add_config_value(name, list(default), "env", types=frozenset({list, tuple}), description=HELP[name])
    app.add_config_value("kb_bounded_navigation", True, "html", types=frozenset({bool}),
                         description="Give furo a navigation whose size does not grow with the site.")
    app.add_config_value("kb_navigation_max_children", 50, "html", types=frozenset({int}),
                         description="A toctree level longer than this shows only the current page.")
    app.add_config_value("kb_cache_citations", True, "env", types=frozenset({bool}),
                         description="Keep sphinxcontrib-bibtex's formatted entries between builds (same output, faster rebuilds).")
    app.add_config_value("kb_stale_after_days", 365, "env", types=frozenset({int}),
                         description="kb:stale lists techniques whose facts were last verified longer ago than this.")
    app.add_config_value("kb_whatsnew_page", "whats-new", "env", types=frozenset({str}),
                         description="The page of kb:whatsnew; the Atom feed links to it, and is written only when it exists.")
    app.add_config_value("kb_compare_page", "compare", "html", types=frozenset({str}),
                         description="The page with kb:compare :interactive:; summary tables let readers tick rows to open it.")
    app.add_config_value("kb_feed_entries", 50, "html", types=frozenset({int}),
                         description="How many of the newest events the Atom feed holds.")
    app.add_config_value("kb_bib_withheld", False, "", types=frozenset({bool}),
                         description="Set by the build, not by authors: a bib file was left out (kb.bib_file).")
