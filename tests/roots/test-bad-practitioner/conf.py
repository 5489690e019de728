extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "etkb"]
bibtex_bibfiles = ["refs.bib"]
myst_enable_extensions = ["dollarmath"]
exclude_patterns = ["_build"]
