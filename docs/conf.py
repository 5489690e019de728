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
    "sphinx_sitemap",
    "sphinxext.opengraph",
    "notfound.extension",
    "etkb",
]

# Hosting. The site's public address: Read the Docs sets READTHEDOCS_CANONICAL_URL, the
# GitHub Pages workflow sets ETKB_BASE_URL; local builds use the project's home.
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL") or os.environ.get(
    "ETKB_BASE_URL", "https://efficient-transformers-kb.readthedocs.io/en/latest/")
if not html_baseurl.endswith("/"):
    html_baseurl += "/"
sitemap_url_scheme = "{link}"  # html_baseurl already holds language and version
ogp_site_url = html_baseurl
ogp_site_name = "Efficient Transformers KB"
ogp_social_cards = {"enable": False}  # no generated PNG per page: one image would add seconds to every build
notfound_context = {
    "title": "Page not found",
    "body": "<h1>Page not found</h1><p>No page lives at this address. It may have been renamed: try the "
            '<a href="search.html">search</a>, the <a href="techniques/index.html">list of techniques</a> '
            'or the <a href="index.html">front page</a>.</p>',
}
notfound_urls_prefix = "/" + html_baseurl.split("://", 1)[-1].partition("/")[2]  # the 404 page is served at any depth

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

# PDF (Read the Docs downloads): XeLaTeX, because pages use Unicode symbols (×, −, √, Greek) that
# pdflatex cannot typeset.
latex_engine = "xelatex"
