"""Domain indices: techniques A–Z (aliases included) and repositories by kind.

Sphinx regenerates domain indices on every HTML build, so they are never stale; link
them with ``{ref}`kb-techindex``` and ``{ref}`kb-repoindex```.
"""

from __future__ import annotations

from sphinx.domains import Index, IndexEntry


class TechniqueIndex(Index):
    name = "techindex"
    localname = "Techniques A–Z"
    shortname = "techniques"

    def generate(self, docnames=None):
        cat = self.domain.catalog
        entries: list[tuple[str, IndexEntry]] = []
        for ident in cat.ids("technique"):
            docname, anchor = cat.anchor("technique", ident)
            if docnames is not None and docname not in docnames:
                continue
            title = cat.title("technique", ident)
            paper = cat.paper_of("technique", ident)
            extra = paper.year if paper else ""
            descr = paper.title if paper else ""
            entries.append((title, IndexEntry(title, 0, docname, anchor, extra, "", descr)))
            for alias in cat.get("technique", ident).get("aliases", ()):
                if alias.lower() != title.lower():
                    entries.append((alias, IndexEntry(alias, 0, docname, anchor, "", "", f"see {title}")))
        content: dict[str, list[IndexEntry]] = {}
        for sort_name, entry in sorted(entries, key=lambda e: (e[0].lower(), e[1].docname)):
            content.setdefault(sort_name[:1].upper(), []).append(entry)
        return sorted(content.items()), False


class RepoIndex(Index):
    name = "repoindex"
    localname = "Repositories by kind"
    shortname = "repositories"

    def generate(self, docnames=None):
        cat = self.domain.catalog
        content: dict[str, list[IndexEntry]] = {}
        for repo in cat.repos.values():
            users = ", ".join(cat.title("technique", t) for t in repo.techniques)
            content.setdefault(repo.kind, []).append(
                IndexEntry(repo.title, 0, repo.docname, repo.anchor, users and f"used by {users}", "", repo.url))
        for entries in content.values():
            entries.sort(key=lambda e: e.name.lower())
        return sorted(content.items()), False
