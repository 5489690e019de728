"""The Atom feed of what is new (``whatsnew.atom``), written with the HTML by feedgen.

It publishes the events of :func:`etkb.render.news.events`: a page added, or its facts
re-verified. Everything in it comes from the sources, so it is the same bytes for the same
sources: entry dates are the declared dates, the feed's ``updated`` is the newest of them,
and entry ids are tag URIs (RFC 4151) built from the site's host, the event's date, its kind
and the object's id, so a reader never sees an entry twice.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from urllib.parse import urlsplit

from .output import is_web, write_if_changed
from .render.news import events

FEED_FILE = "whatsnew.atom"


def _stamp(day: str) -> dt.datetime:
    return dt.datetime.combine(dt.date.fromisoformat(day), dt.time(0, 0), tzinfo=dt.UTC)


def atom(app) -> bytes | None:
    from feedgen.feed import FeedGenerator

    base = app.config.html_baseurl
    cat = app.env.domains["kb"].catalog
    found = events(cat, app.config.kb_feed_entries)
    if not base or not found:
        return None
    base = base.rstrip("/") + "/"
    host = urlsplit(base).hostname or "localhost"
    feed = FeedGenerator()
    feed.id(f"tag:{host},2026:whatsnew")
    feed.title(f"{app.config.project}: what is new")
    feed.subtitle("Techniques and benchmarks added to the knowledge base, and facts re-verified against their sources.")
    feed.author({"name": app.config.author})
    feed.link(href=base + FEED_FILE, rel="self", type="application/atom+xml")
    feed.link(href=base + app.builder.get_target_uri(app.config.kb_whatsnew_page), rel="alternate", type="text/html")
    feed.language("en")
    feed.updated(_stamp(found[0][0]))
    # feedgen writes entries in reverse order of addition: add the oldest first, so the newest leads
    for day, what, kind, ident in reversed(found):
        decl = cat.get(kind, ident)
        title = cat.title(kind, ident)
        entry = feed.add_entry()
        entry.id(f"tag:{host},{day}:{what}/{kind}/{ident}")
        entry.title(f"{'Added' if what == 'added' else 'Facts re-verified'}: {title}")
        entry.link(href=base + app.builder.get_target_uri(decl.docname), rel="alternate", type="text/html")
        entry.updated(_stamp(day))
        if decl.get("added"):
            entry.published(_stamp(str(decl.get("added"))))
        summary = app.env.metadata.get(decl.docname, {}).get("kb-description")
        if summary:
            entry.summary(summary)
        entry.category(term=kind)
    return feed.atom_str(pretty=True)


def write_feed(app, exception) -> None:
    """``build-finished``: write the feed beside the pages (web HTML builders only)."""
    if exception is not None or not is_web(app.builder) or app.config.kb_whatsnew_page not in app.env.all_docs:
        return
    data = atom(app)
    if data is not None:
        write_if_changed(Path(app.outdir, FEED_FILE), data)


def add_feed_link(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: every page names the feed, so a reader's feed client finds it."""
    if is_web(app.builder) and app.config.html_baseurl and app.config.kb_whatsnew_page in app.env.all_docs:
        href = context["pathto"](FEED_FILE, 1)
        context["metatags"] = context.get("metatags", "") + (
            f'<link rel="alternate" type="application/atom+xml" title="What is new" href="{href}">\n')
