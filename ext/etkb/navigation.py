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

from sphinx import addnodes

MAX_DEPTH = 4


class Navigation:
    """The toctrees as parent and entry maps, built once per process from the environment.

    Entries keep what Sphinx's own sidebar shows: each toctree's caption (at the top level),
    explicit entry titles and external links."""

    def __init__(self, env) -> None:
        self.root = env.config.root_doc
        self.titles = {doc: title.astext() for doc, title in env.titles.items()}
        #: doc -> [(caption, [(title, docname or None, url or None)])], one item per toctree
        self.trees: dict[str, list[tuple[str, list[tuple[str, str | None, str | None]]]]] = {}
        for doc, toc in env.tocs.items():
            for tree in toc.findall(addnodes.toctree):
                entries = []
                for title, ref in tree["entries"]:
                    if ref == "self":
                        continue
                    if "://" in ref:
                        entries.append((title or ref, None, ref))
                    elif ref in env.all_docs:
                        entries.append((title or self.titles.get(ref, ref), ref, None))
                self.trees.setdefault(doc, []).append((tree.get("caption") or "", entries))
        self.parent: dict[str, str] = {}
        queue, seen = [self.root], {self.root}
        while queue:  # breadth first: each page hangs under its shallowest parent
            doc = queue.pop(0)
            for kid in self.children(doc):
                if kid not in seen:
                    seen.add(kid)
                    self.parent[kid] = doc
                    queue.append(kid)

    def children(self, doc: str) -> list[str]:
        return [ref for _, entries in self.trees.get(doc, ()) for _, ref, _ in entries if ref]

    def path_to(self, pagename: str) -> set[str]:
        path, doc = {pagename}, pagename
        while doc in self.parent:
            doc = self.parent[doc]
            path.add(doc)
        return path

    def html(self, builder, pagename: str, limit: int) -> str:
        path = self.path_to(pagename)

        def items(entries, level: int) -> str:
            if len(entries) > limit:
                entries = [e for e in entries if e[1] in path]  # a long list: only the current branch
            out = []
            for title, kid, url in entries:
                if url is not None:
                    out.append(f'<li class="toctree-l{level}"><a class="reference external" href="{escape(url)}">'
                               f"{escape(title)}</a></li>")
                    continue
                current = kid in path
                href = "#" if kid == pagename else builder.get_relative_uri(pagename, kid)
                link = (f'<a class="{"current " if kid == pagename else ""}reference internal" href="{escape(href)}">'
                        f"{escape(title)}</a>")
                nested = [e for _, es in self.trees.get(kid, ()) for e in es]
                sub = items(nested, level + 1) if level < MAX_DEPTH and nested else ""
                out.append(f'<li class="toctree-l{level}{" current" if current else ""}">{link}{sub}</li>')
            if not out:
                return ""
            opening = '<ul class="current">' if any(e[1] in path for e in entries) else "<ul>"
            return f"{opening}{''.join(out)}</ul>"

        html = []
        for caption, entries in self.trees.get(self.root, ()):
            body = items(entries, 1)
            if body and caption:
                # aria-level: a role=heading needs one (ARIA 1.2); Sphinx's own caption lacks it (sphinx-doc/sphinx#14030)
                html.append(f'<p class="caption" role="heading" aria-level="2"><span class="caption-text">{escape(caption)}</span></p>')
            html.append(body)
        return "".join(html)


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
