extensions = ["myst_parser", "sphinx_design", "etkb"]
exclude_patterns = ["_build"]
html_theme = "furo"
