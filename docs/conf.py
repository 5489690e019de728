"""Sphinx configuration of the Efficient Transformers knowledge base."""

import os
import sys

sys.path.insert(0, os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "ext")))

project = "Efficient Transformers Knowledge Base"
author = "The Efficient Transformers KB authors"
copyright = "2026, " + author
version = release = "0.1"  # EPUB requires one

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinxcontrib.bibtex",
    "sphinx_copybutton",  # a copy button on every code block, the BibTeX of each paper included
    "etkb",
]

root_doc = "index"
exclude_patterns = ["_build", "README.md"]
myst_enable_extensions = ["dollarmath", "colon_fence", "deflist"]
myst_heading_anchors = 3
myst_update_mathjax = False  # math is MathML rendered at build time (etkb.mathml); no MathJax

bibtex_bibfiles = ["../refs.bib"]
bibtex_default_style = "unsrt"
bibtex_reference_style = "author_year"

html_theme = "furo"
html_title = "Efficient Transformers KB"
html_static_path = []
html_favicon = "favicon.svg"  # without one, every page request logs a 404 for /favicon.ico

# Controlled vocabularies of the kb schema (see the authors' reference).
kb_modalities = ["language", "vision", "video", "speech", "multimodal", "general"]
kb_targets = ["params", "flops", "latency", "throughput", "inference-memory", "training-memory", "energy"]
kb_repo_kinds = ["official-code", "library", "awesome-list", "paper-list", "course", "benchmark", "website", "tool"]
