"""Math rendered to MathML at build time, so a page ships no math script.

MathJax (2 MB) was most of a technique page's weight and its slowest step on a phone;
browsers render MathML Core natively. latex2mathml passes LaTeX it does not know through as
literal text, so every formula is converted once while reading and anything left unconverted
is reported at its line (``kb.math``) instead of reaching a reader as ``\\foo``.
"""

from __future__ import annotations

import re

from docutils import nodes
from latex2mathml.converter import convert
from sphinx.locale import _
from sphinx.util.math import get_node_equation_number

from .records import Problem

#: LaTeX that latex2mathml lacks, rewritten to an equivalent it knows.
_EQUIVALENTS = (
    (re.compile(r"\\begin\{aligned\}"), r"\\begin{split}"),
    (re.compile(r"\\end\{aligned\}"), r"\\end{split}"),
    (re.compile(r"\\(arg|deg|hom|ker|Pr)(?![A-Za-z])"), r"\\operatorname{\1}"),
)
#: What an unconverted command or a stray alignment mark looks like in latex2mathml's output.
_LEFT_OVER = re.compile(r"<m[io]>(\\[A-Za-z]+|&amp;|&)</m[io]>")


def _parts(node: nodes.Element) -> list[str]:
    """A display block's equations: blank-line separated, as Sphinx's MathJax renderer reads them."""
    if isinstance(node, nodes.math):
        return [node.astext()]
    parts = [part for part in node.astext().split("\n\n") if part.strip()]
    return [rf"\begin{{split}}{p}\end{{split}}" if r"\\" in p and r"\begin" not in p else p for p in parts]


def to_mathml(latex: str, display: bool) -> tuple[str, list[str]]:
    """MathML for ``latex``, and the LaTeX it could not convert."""
    for pattern, replacement in _EQUIVALENTS:
        latex = pattern.sub(replacement, latex)
    try:
        markup = convert(latex, display="block" if display else "inline")
    except Exception as error:  # latex2mathml raises on unbalanced braces and the like
        return "", [f"{type(error).__name__}: {error}"]
    return markup, sorted({m.replace("&amp;", "&") for m in _LEFT_OVER.findall(markup)})


def convert_math(app, doctree) -> None:
    """``doctree-read``: convert each formula once, keep the MathML on the node, report leftovers."""
    domain = app.env.domains["kb"]
    docname = app.env.docname
    for node in doctree.findall(lambda n: isinstance(n, (nodes.math, nodes.math_block))):
        display = isinstance(node, nodes.math_block)
        rendered, problems = [], []
        for part in _parts(node):
            markup, unknown = to_mathml(part, display)
            rendered.append(markup)
            problems += unknown
        node["kb_mathml"] = rendered
        if problems:
            line = node.line or getattr(node.parent, "line", None) or 0
            names = ", ".join(f"'{p}'" for p in problems)
            message = (f"math the site cannot render: {names}; use LaTeX that MathML covers "
                       r"(e.g. \operatorname{name} for an operator, \begin{split} for aligned lines)")
            domain.note_problem(Problem("math", message, docname, line))


def _markup(translator, node) -> str:
    return "".join(node.get("kb_mathml") or [to_mathml(p, isinstance(node, nodes.math_block))[0] for p in _parts(node)])


def visit_math(translator, node: nodes.math) -> None:
    translator.body.append(translator.starttag(node, "span", "", CLASS="math kb-math") + _markup(translator, node) + "</span>")
    raise nodes.SkipNode


def visit_math_block(translator, node: nodes.math_block) -> None:
    # a wide equation scrolls sideways in this block (kb.css); tabindex lets a keyboard reach and scroll it
    translator.body.append(translator.starttag(node, "div", CLASS="math kb-math", tabindex="0"))
    if node["number"]:
        translator.body.append(f'<span class="eqno">({get_node_equation_number(translator, node)})')
        translator.add_permalink_ref(node, _("Link to this equation"))
        translator.body.append("</span>")
    translator.body.append(_markup(translator, node) + "</div>\n")
    raise nodes.SkipNode


def setup_math(app) -> None:
    """Register the renderer; with it and Sphinx's default MathJax both present, Sphinx picks this one."""
    app.add_html_math_renderer("kb-mathml", (visit_math, None), (visit_math_block, None))
    app.connect("doctree-read", convert_math)
