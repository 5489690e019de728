extensions = ["myst_parser", "etkb"]
exclude_patterns = ["_build"]
html_theme = "furo"
