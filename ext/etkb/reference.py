"""The authors' reference, rendered from the schemas and the warning enum themselves,
so the documentation cannot drift from what the build validates."""

from __future__ import annotations

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from .diagnostics import KbWarning
from .render.common import para, table
from .schema import SCHEMAS


def _type(field) -> str:
    kind = {"id": "id", "text": "text", "url": "http(s) URL", "year": "year", "date": "date (YYYY-MM-DD)",
            "number": "number", "int": "whole number", "bibkey": "refs.bib key", "source": "'<bibkey>, <where>'",
            "choice": "one of the vocabulary", "flag": "flag (no value)", "year-range": "year or range",
            "sort-key": "column, '-' for descending"}[field.kind]
    return f"comma list of {kind}" if field.many else kind


class ReferenceDirective(SphinxDirective):
    """``kb:reference``: every kb directive's options, then every warning subtype."""

    def run(self) -> list[nodes.Node]:
        vocab = {name: tuple(getattr(self.config, name)) for name in ("kb_modalities", "kb_targets", "kb_repo_kinds")}
        out: list[nodes.Node] = []
        for name, schema in SCHEMAS.items():
            section = nodes.section(ids=[f"kb-ref-{name}"])
            title = f"kb:{name}"
            section += nodes.title(title, title)
            section += para(schema.help)
            if schema.argument:
                section += para(f"Argument: {schema.argument} (required).")
            if schema.content:
                section += para(f"Content: {schema.content}")
            if schema.extra:
                section += para(f"Other options: {schema.extra}.")
            rows = []
            for f in schema.fields:
                allowed = f.allowed(vocab)
                default = ", ".join(f.default) if isinstance(f.default, tuple) else (f.default or "")
                rows.append([f":{f.name}:", _type(f), "yes" if f.required else "", default,
                             ", ".join(allowed) if allowed else "", f.help])
            section += table(["Option", "Type", "Required", "Default", "Allowed values", "Meaning"], rows,
                             classes=("kb-reference-table",))
            out.append(section)
        section = nodes.section(ids=["kb-ref-warnings"])
        section += nodes.title("Warnings", "Warnings")
        section += para("Every problem is reported as a warning with file and line; nox -s docs fails on any of them.")
        section += table(["Subtype", "Meaning"], [[f"kb.{w.subtype}", w.description] for w in KbWarning],
                         classes=("kb-reference-table",))
        out.append(section)
        return out
