"""A bounded site navigation for furo: the same look, a cost that does not grow with the site.

furo renders the *whole* toctree into every page (``toctree(collapse=False, maxdepth=-1)``)
and re-parses it, so each page costs O(site) and weighs O(site): the build is quadratic.
We answer that one call with a tree that shows the top-level sections, the path to the
current page, and only the toctree levels small enough to list (at most
``kb_navigation_max_children`` entries, e.g. the taxonomy). A long level (the techniques)
shows just the current page; readers reach the others through the category pages,
tables and indices. furo then styles our HTML exactly as it styles Sphinx's.
"""

from __future__ import annotations

from html import escape

MAX_DEPTH = 4


class Navigation:
    """The toctree as parent and children maps, built once per process from the environment."""

    def __init__(self, env) -> None:
        self.root = env.config.root_doc
        self.children = {doc: list(kids) for doc, kids in env.toctree_includes.items()}
        self.titles = {doc: title.astext() for doc, title in env.titles.items()}
        self.parent: dict[str, str] = {}
        queue, seen = [self.root], {self.root}
        while queue:  # breadth first: each page hangs under its shallowest parent
            doc = queue.pop(0)
            for kid in self.children.get(doc, ()):
                if kid not in seen:
                    seen.add(kid)
                    self.parent[kid] = doc
                    queue.append(kid)

    def path_to(self, pagename: str) -> set[str]:
        path, doc = {pagename}, pagename
        while doc in self.parent:
            doc = self.parent[doc]
            path.add(doc)
        return path

    def html(self, builder, pagename: str, limit: int) -> str:
        path = self.path_to(pagename)

        def items(doc: str, level: int) -> str:
            kids = self.children.get(doc, [])
            if len(kids) > limit:
                kids = [k for k in kids if k in path]  # a long list: only the current branch
            out = []
            for kid in kids:
                current = kid in path
                href = "#" if kid == pagename else builder.get_relative_uri(pagename, kid)
                link = (f'<a class="{"current " if kid == pagename else ""}reference internal" href="{escape(href)}">'
                        f"{escape(self.titles.get(kid, kid))}</a>")
                sub = items(kid, level + 1) if level < MAX_DEPTH else ""
                out.append(f'<li class="toctree-l{level}{" current" if current else ""}">{link}{sub}</li>')
            if not out:
                return ""
            opening = '<ul class="current">' if any(k in path for k in kids) else "<ul>"
            return f"{opening}{''.join(out)}</ul>"

        return items(self.root, 1)


def bounded_toctree(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context`` (before furo's handler): answer furo's whole-site toctree call."""
    if not app.config.kb_bounded_navigation or "toctree" not in context:
        return
    domain = app.env.domains["kb"]
    if domain._navigation is None:
        domain._navigation = Navigation(app.env)
    navigation, original = domain._navigation, context["toctree"]
    limit = app.config.kb_navigation_max_children

    def toctree(**kwargs) -> str:
        if kwargs.get("collapse") is False and kwargs.get("maxdepth", 0) in (-1, 0):
            return navigation.html(app.builder, pagename, limit)
        return original(**kwargs)

    context["toctree"] = toctree
