extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "etkb"]
bibtex_bibfiles = ["../refs.bib"]
exclude_patterns = ["_build"]
