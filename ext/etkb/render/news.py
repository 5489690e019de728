"""``kb:whatsnew`` (the latest additions and re-verifications, newest first) and
``kb:stale`` (techniques whose facts have not been checked for longer than
``kb_stale_after_days``). Both read the ``:added:`` and ``:verified:`` dates of the
declarations; the Atom feed (:mod:`etkb.feed`) publishes the same events."""

from __future__ import annotations

from docutils import nodes

from .. import dates
from .common import link, output_file_link, para, ref, table

KINDS = ("technique", "benchmark")


def events(cat, limit: int | None = None) -> list[tuple[str, str, str, str]]:
    """(date, "added" | "verified", kind, id), newest first; a verification on the day a page was
    added is part of adding it, not news of its own."""
    out = []
    for kind in KINDS:
        for ident in cat.ids(kind):
            decl = cat.get(kind, ident)
            added, verified = decl.get("added"), decl.get("verified")
            if added:
                out.append((str(added), "added", kind, ident))
            if verified and str(verified) != str(added or ""):
                out.append((str(verified), "verified", kind, ident))
    out.sort(key=lambda e: (e[1] != "added", e[2], e[3]))  # within a day: additions first, then by id
    out.sort(key=lambda e: e[0], reverse=True)  # stable: newest day first
    return out[:limit] if limit else out


def whatsnew_data(cat, view, env):
    return tuple((day, what, link(cat, kind, ident)) for day, what, kind, ident in events(cat, view.get("limit") or 50))


def _feed_link(ctx) -> list[nodes.Node]:
    from ..feed import FEED_FILE

    link = output_file_link(FEED_FILE, ctx)
    return [para(nodes.Text("Follow this list in a feed reader: "), link, nodes.Text(" (Atom)."),
                 classes=["kb-feed-link"])] if link else []


def whatsnew_build(data, ctx):
    if not data:
        return [para("No page records when it was added yet.", classes=["kb-empty"])]
    out, by_month = _feed_link(ctx), {}
    for day, what, target in data:
        by_month.setdefault(day[:7], []).append((day, what, target))
    for month, items in by_month.items():
        out.append(nodes.rubric(month, month))
        lst = nodes.bullet_list(classes=["kb-whatsnew"])
        for day, what, target in items:
            item = nodes.list_item()
            item += para(nodes.literal(day, day), nodes.Text(" added: " if what == "added" else " facts re-verified: "),
                         ref(target, ctx))
            lst += item
        out.append(lst)
    return out


def stale_data(cat, view, env):
    today = dates.build_date()
    limit = env.config.kb_stale_after_days
    rows = []
    for ident in cat.ids("technique"):
        verified = dates.parse(cat.get("technique", ident).get("verified"))
        age = (today - verified).days if verified else None
        if age is None or age > limit:
            rows.append((link(cat, "technique", ident), verified.isoformat() if verified else "", age))
    rows.sort(key=lambda r: (r[2] is not None, -(r[2] or 0), r[0].ident))
    return {"today": today.isoformat(), "limit": limit, "rows": tuple(rows)}


def stale_build(data, ctx):
    intro = para(f"Techniques whose facts were last verified more than {data['limit']} days before "
                 f"{data['today']}, or never; the oldest first.", classes=["kb-plot-caption"])
    if not data["rows"]:
        return [intro, para("Every technique was verified recently.", classes=["kb-empty"])]
    rows = [[[ref(target, ctx)], verified or "never", "" if age is None else str(age)] for target, verified, age in data["rows"]]
    wrapper = nodes.container(classes=["kb-table-wrap"])
    wrapper += table(["Technique", "Last verified", "Days ago"], rows, classes=("kb-stale", "kb-sortable"),
                     numeric=[False, False, True])
    return [intro, wrapper]
