extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "etkb"]
bibtex_bibfiles = ["refs.bib"]
exclude_patterns = ["_build"]
project = "Builders"
copyright = "2026, Authors"
version = release = "1.0"
latex_documents = [("index", "builders.tex", "Builders", "Authors", "manual")]
