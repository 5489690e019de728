"""etkb: the Efficient Transformers knowledge-base extension for Sphinx.

``setup`` only wires: each concept lives in its own module (see the package layout).
"""

from __future__ import annotations

import gc
from pathlib import Path

from docutils import nodes

from . import bib, bibcheck, citations, exports, freshness, navigation, sources
from .catalog import view_problems
from .config import setup_config
from .diagnostics import KbWarning, warn
from .domain import KbDomain
from .feed import add_feed_link, write_feed
from .hosting import setup_hosting
from .mathml import setup_math
from .placeholder import collect_views, kb_view, setup_nodes
from .records import View
from .render import KbViewTransform, UniqueIdsAfterFuro
from .scrollbox import setup_scroll_boxes

__version__ = "0.1.0"

#: Sections appended to every page that declares a technique or benchmark, in order.
FOOTER_SECTIONS = (
    ("technique", "related", "Related techniques", "kb-related"),
    ("technique", "backlinks", "Referenced by", "kb-referenced-by"),
    ("benchmark", "backlinks", "Referenced by", "kb-referenced-by"),
    ("technique", "reference", "Reference", "kb-reference"),
    ("benchmark", "reference", "Reference", "kb-reference"),
    ("category", "relmap", "How its techniques relate", "kb-relation-map"),
)


def add_footer(app, doctree) -> None:
    """``doctree-read``: give technique and benchmark pages their closing sections.

    The sections exist at read time (so the page's table of contents lists them);
    their content is a placeholder filled late.
    """
    domain = app.env.domains["kb"]
    docname = app.env.docname
    owners = {d.kind: d.id for d in domain.data["decls"].get(docname, ()) if d.kind in ("technique", "benchmark", "category")}
    if not owners:
        return
    top = next(iter(doctree.findall(nodes.section)), None)
    if top is None:  # an untitled page (reported as kb.no_title): our sections would become its title
        return
    own = {child[0].astext().strip().lower(): child for child in top.children
           if isinstance(child, nodes.section) and child.children and isinstance(child[0], nodes.title)}
    for kind, view, title, anchor in FOOTER_SECTIONS:
        if kind not in owners:
            continue
        if kind == "category":
            record = View(view, docname, 0, (("category", owners[kind]),))
        else:
            record = View(view, docname, 0, (("ident", owners[kind]), ("kind", kind), ("technique", owners.get("technique"))))
        section = own.get(title.lower())
        if section is not None:  # the author wrote this section (e.g. "Related techniques"): fill it, do not repeat it
            section["ids"].append(anchor)
            section += kb_view("", record=record)
            continue
        section = nodes.section(ids=[anchor], names=[anchor], classes=["kb-section"])
        section += nodes.title(title, title)
        section += kb_view("", record=record)
        top += section


def replay_problems(app, env) -> None:
    """``env-updated``: build the catalogue, then log every kb problem, sorted.

    Read-time problems are stored as records and logged here, never while reading, so
    an unchanged bad page still fails ``-W`` on an incremental build, and the order of
    warnings does not depend on ``-j``.
    """
    domain = env.domains["kb"]
    catalog = domain.catalog
    found = domain.all("problems") + catalog.problems + view_problems(catalog, domain.all("views"))
    found += bibcheck.bib_problems(env, bibcheck.used_keys(env, domain.all("decls")))
    problems = sorted(found, key=lambda p: (p.docname, p.lineno, p.subtype, p.message))
    for p in problems:
        warn(KbWarning.from_subtype(p.subtype), p.message, p.location)


def silence_missing_reference(app, domain, node) -> bool | None:
    """An unknown ``kb`` role target is reported by the catalogue from its stored record
    (``kb.unknown_ref``), so it repeats on every build; Sphinx's write-time warning, which
    an unchanged rebuild would skip, is silenced."""
    return True if node.get("refdomain") == "kb" else None


def add_assets(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: the table script only where a table (or the decision guide) can use it,
    the comparison script on the comparison page, and where both find the exports."""
    tables = set() if doctree is None else {c for n in doctree.findall(nodes.table) for c in n.get("classes", ())}
    with_tables = bool({"kb-sortable", "kb-guide-table"} & tables)
    is_compare = pagename == app.config.kb_compare_page
    if with_tables:
        app.add_js_file("kb-tables.js", defer="defer")
    if is_compare:
        app.add_js_file("kb-compare.js", defer="defer")
    if with_tables or is_compare:  # the exports, relative to this page (a filtered table's BibTeX, the comparison's data)
        exports_dir = context["pathto"](f"{exports.EXPORT_DIR}/bibtex.json", 1).rsplit("/", 1)[0] + "/"
        context["metatags"] = context.get("metatags", "") + f'<meta name="kb-exports" content="{exports_dir}">\n'
    if with_tables and app.config.kb_compare_page in app.env.all_docs:
        context["metatags"] += f'<meta name="kb-compare-page" content="{context["pathto"](app.config.kb_compare_page)}">\n'


def add_static_path(app, config) -> None:
    """``config-inited``: ship our static files. Done here, not at builder-inited, so the
    value is the same every run and never reads as a configuration change.

    sphinx-design and sphinx-copybutton append their own static directories at builder-inited,
    after Sphinx has compared this run's configuration with the stored one, so every build
    announced "The configuration has changed". We add those directories here too and drop the
    duplicates they append later (:func:`dedupe_static_path`), so both moments see the same list."""
    static = [str(Path(__file__).parent / "static")]
    if "sphinx_design" in config.extensions:
        from sphinx_design.extension import STATIC_DIR

        static.append(str(STATIC_DIR))
    if "sphinx_copybutton" in config.extensions:  # it appends its static directory at builder-inited too
        import sphinx_copybutton

        static.append(str(Path(sphinx_copybutton.__file__).parent / "_static"))
    for path in static:
        if path not in config.html_static_path:
            config.html_static_path.append(path)
    # furo's own option (pygments_dark_style) is registered when the theme loads at builder-inited,
    # after Sphinx compares configurations, so it still reads as changed; loading furo earlier
    # breaks non-HTML builders (furo refuses them), so that one is left to furo upstream.


def dedupe_static_path(app) -> None:
    """``builder-inited`` (after sphinx-design): keep the first of each static path."""
    paths = app.config.html_static_path
    app.config.html_static_path = list(dict.fromkeys(paths))


def freeze_heap(app, builder) -> None:
    """``write-started``: move the environment into the GC's permanent generation before
    Sphinx forks its writers, so their collections neither scan nor copy the parent's heap."""
    if app.parallel > 1:
        gc.collect()
        gc.freeze()


def environment_version() -> int:
    """The ``env_version`` Sphinx stores with a pickled environment, derived from the shape of
    everything we pickle (record classes and their fields, the domain's data keys and its
    ``data_version``), so an environment written by an older etkb is discarded, never misread."""
    import hashlib
    from dataclasses import fields

    from .bib import Paper
    from .records import Decl, Problem, RefUse

    shape = [(cls.__name__, [(f.name, str(f.type)) for f in fields(cls)]) for cls in (Decl, Problem, View, RefUse, Paper)]
    shape.append(("domain", KbDomain.data_version, sorted(KbDomain.initial_data)))
    return int(hashlib.sha1(repr(shape).encode()).hexdigest()[:8], 16)


def setup(app):
    setup_config(app)
    setup_nodes(app)
    setup_math(app)
    setup_hosting(app)
    app.add_domain(KbDomain)
    app.add_post_transform(KbViewTransform)
    app.add_post_transform(UniqueIdsAfterFuro)
    setup_scroll_boxes(app)  # furo's table wrappers get tabindex: a wide table scrolls from the keyboard
    app.connect("config-inited", bib.check_bibfiles, priority=400)
    app.connect("config-inited", citations.use_cached_citations)
    app.connect("env-get-outdated", bib.reread_when_bibfiles_change)
    app.connect("env-before-read-docs", sources.read_leniently_if_needed)
    app.connect("source-read", sources.note_invalid_bytes)
    app.connect("doctree-read", add_footer, priority=400)
    app.connect("doctree-read", collect_views, priority=450)
    app.connect("env-updated", replay_problems)
    app.connect("env-get-updated", freshness.updated_docs)
    app.connect("warn-missing-reference", silence_missing_reference)
    app.connect("build-finished", exports.write_exports)
    app.connect("build-finished", write_feed)
    app.connect("html-page-context", add_feed_link)
    app.connect("write-started", freeze_heap)
    app.connect("env-before-read-docs", freshness.remember_tocs)
    app.connect("write-started", freshness.keep_parents)
    app.connect("build-finished", freshness.restore_parents)
    app.connect("html-page-context", navigation.bounded_toctree, priority=400)
    app.connect("html-page-context", add_assets)
    app.connect("config-inited", add_static_path)
    app.connect("builder-inited", dedupe_static_path, priority=900)
    app.add_css_file("kb.css")
    return {"version": __version__, "env_version": environment_version(), "parallel_read_safe": True, "parallel_write_safe": True}
