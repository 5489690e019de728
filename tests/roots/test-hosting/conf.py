extensions = ["myst_parser", "sphinx_design", "sphinxcontrib.bibtex", "sphinx_sitemap", "sphinxext.opengraph",
              "notfound.extension", "etkb"]
bibtex_bibfiles = ["refs.bib"]
myst_enable_extensions = ["dollarmath"]
exclude_patterns = ["_build"]
html_theme = "furo"
html_baseurl = "https://example.org/kb/"
sitemap_url_scheme = "{link}"
ogp_site_url = html_baseurl
ogp_social_cards = {"enable": False}
notfound_urls_prefix = "/kb/"
