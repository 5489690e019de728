"""What a static host needs beside the pages: a Content-Security-Policy, robots.txt.

Sitemap, OpenGraph, canonical URLs and the 404 page come from well-kept extensions
(sphinx-sitemap, sphinxext-opengraph, Sphinx's ``html_baseurl``, sphinx-notfound-page);
this module covers only what none of them does.

The policy allows scripts from the site itself and, inline, exactly the scripts of the
theme's templates, by their hashes. Furo has one (it applies the reader's light or dark
choice before the page paints); hashing the template text rather than a hard-coded digest
keeps the policy right when furo changes it. The policy is set twice, because hosts
differ: a ``<meta http-equiv>`` tag on every page (GitHub Pages, Read the Docs), and a
``_headers`` file (Netlify, Cloudflare Pages), which can also forbid framing.
"""

from __future__ import annotations

import base64
import hashlib
import html
import re
from functools import cache
from pathlib import Path

from docutils import nodes

from .output import is_web, write_if_changed

_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)

#: Inline styles stay allowed: Matplotlib's SVG plots carry ``<style>`` and ``style=``
#: presentation, which cannot run code; scripts are what the policy is for.
_POLICY = ("default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; "
           "img-src 'self' data:; font-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'")


@cache
def template_script_hashes(template_dirs: tuple[str, ...]) -> tuple[str, ...]:
    """CSP sources for every constant inline ``<script>`` in the theme's templates."""
    found = set()
    for directory in template_dirs:
        for template in sorted(Path(directory).glob("*.html")):
            for body in _INLINE_SCRIPT.findall(template.read_text(encoding="utf-8")):
                if "{{" not in body and "{%" not in body:
                    digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
                    found.add(f"'sha256-{digest}'")
    return tuple(sorted(found))


def content_security_policy(builder) -> str:
    dirs = tuple(str(d) for d in builder.theme.get_theme_dirs())
    return _POLICY.format(hashes=" ".join(template_script_hashes(dirs)))


def add_policy_meta(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context``: the policy as the first meta tag of every page."""
    if is_web(app.builder):
        tag = f'<meta http-equiv="Content-Security-Policy" content="{content_security_policy(app.builder)}">\n'
        context["metatags"] = tag + context.get("metatags", "")


#: The section whose first paragraph summarises a technique page (CONTENT.md's "one paragraph a practitioner remembers").
SUMMARY_SECTION = "key idea"
DESCRIPTION_LENGTH = 200


def _first_paragraph(node) -> nodes.paragraph | None:
    from .placeholder import kb_view

    for para in node.findall(nodes.paragraph):
        if not any(isinstance(a, (kb_view, nodes.Admonition, nodes.table)) for a in _ancestors(para)):
            return para
    return None


def _ancestors(node):
    while node.parent is not None:
        node = node.parent
        yield node


def _plain_text(node) -> str:
    """Readable text of a paragraph: math as its MathML's characters, citations left out."""
    from sphinx.addnodes import pending_xref

    if isinstance(node, (nodes.math, nodes.math_block)):  # converted at doctree-read (etkb.mathml), before this
        from .mathml import to_mathml

        markup = "".join(node.get("kb_mathml") or [to_mathml(node.astext(), False)[0]])
        return html.unescape(re.sub(r"<[^>]+>", "", markup))
    if isinstance(node, nodes.Text):
        return node.astext()
    if isinstance(node, pending_xref) and (node.get("refdomain") == "cite" or "cite" in str(node.get("reftype", ""))):
        return ""
    return "".join(_plain_text(child) for child in node.children)


def note_description(app, doctree) -> None:
    """``doctree-read``: a page's summary for search engines and link previews: the first
    paragraph of its "Key idea" section, else its first paragraph of prose (never the card)."""
    sections = [s for s in doctree.findall(nodes.section)
                if s.children and isinstance(s[0], nodes.title) and s[0].astext().strip().lower() == SUMMARY_SECTION]
    para = _first_paragraph(sections[0] if sections else doctree)
    if para is None:
        return
    text = " ".join(_plain_text(para).split()).replace(" ,", ",").replace(" .", ".")
    if len(text) > DESCRIPTION_LENGTH:
        text = text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    app.env.metadata[app.env.docname]["kb-description"] = text


def add_description(app, pagename, templatename, context, doctree) -> None:
    """``html-page-context`` (before sphinxext-opengraph): our summary as description and og:description."""
    meta = context.get("meta") or {}
    text = meta.get("kb-description")
    if text and is_web(app.builder):
        meta.setdefault("og:description", text)
        context["meta"] = meta
        escaped = html.escape(text, quote=True)
        context["metatags"] = context.get("metatags", "") + f'<meta name="description" content="{escaped}">\n'


def write_host_files(app, exception) -> None:
    """``build-finished``: robots.txt (naming the sitemap when the site has a base URL) and ``_headers``."""
    if exception is not None or not is_web(app.builder):
        return
    out = Path(app.outdir)
    base = app.config.html_baseurl
    robots = "User-agent: *\nAllow: /\n" + (f"Sitemap: {base.rstrip('/')}/sitemap.xml\n" if base else "")
    headers = ("/*\n"
               f"  Content-Security-Policy: {content_security_policy(app.builder)}; frame-ancestors 'none'\n"
               "  X-Content-Type-Options: nosniff\n"
               "  Referrer-Policy: strict-origin-when-cross-origin\n")
    write_if_changed(out / "robots.txt", robots)
    write_if_changed(out / "_headers", headers)


def setup_hosting(app) -> None:
    app.connect("doctree-read", note_description)
    app.connect("html-page-context", add_policy_meta)
    app.connect("html-page-context", add_description, priority=450)
    app.connect("build-finished", write_host_files)
