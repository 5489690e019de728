extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "etkb"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
project = "News demo"
author = "Demo authors"
html_baseurl = "https://example.org/kb/"
kb_stale_after_days = 100
