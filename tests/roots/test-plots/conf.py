extensions = ["myst_parser", "sphinxcontrib.bibtex", "etkb"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
