"""The declaration directives: parse locally, record, leave a placeholder.

Each directive validates only what it can see (option syntax, types, vocabularies,
URLs) against its :mod:`~etkb.schema`, records problems with the line of the offending
option, and stores one :class:`~etkb.records.Decl`. Everything that needs another page
is checked in the catalogue, after all pages are read.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives as rst_directives
from sphinx.util.docutils import SphinxDirective

from .catalog import anchor_id
from .diagnostics import KbWarning
from .placeholder import kb_view
from .records import Decl, Problem, View
from .schema import ID_RE, SCHEMAS, FieldError, Schema, parse_id


class AnyOption(dict):
    """An option spec that accepts every name, so unknown options reach the schema
    (a located ``kb.unknown_option``) instead of the parser's generic error."""

    def __missing__(self, key):
        return rst_directives.unchanged

    def __contains__(self, key) -> bool:
        return True

    def __bool__(self) -> bool:  # MyST parses an option block only for a truthy spec
        return True


def vocabularies(config) -> dict[str, tuple[str, ...]]:
    return {name: tuple(getattr(config, name)) for name in ("kb_modalities", "kb_targets", "kb_repo_kinds")}


class KbDirective(SphinxDirective):
    """Shared run(): argument and options through the schema, problems located."""

    kind: str = ""
    optional_arguments = 1
    final_argument_whitespace = True
    option_spec = AnyOption()
    has_content = True  # content is checked against the schema, for a kb.* warning

    @property
    def schema(self) -> Schema:
        return SCHEMAS[self.kind]

    @property
    def domain(self):
        return self.env.domains["kb"]

    def problem(self, subtype: KbWarning, message: str, lineno: int | None = None) -> None:
        self.domain.note_problem(Problem(subtype.subtype, message, self.env.docname, lineno or self.lineno))

    def option_line(self, name: str) -> int:
        """The source line of option ``name`` (the directive's line if not found)."""
        for offset, line in enumerate((self.block_text or "").splitlines()):
            if line.strip().startswith(f":{name}:") or line.strip() == f":{name}:":
                return self.lineno + offset
        return self.lineno

    def parse_argument(self) -> str | None:
        if not self.schema.argument:
            if self.arguments:
                self.problem(KbWarning.BAD_VALUE, f"{self.schema.directive} takes no argument")
            return None
        if not self.arguments:
            self.problem(KbWarning.MISSING_OPTION, f"{self.schema.directive} needs an id argument")
            return None
        try:
            return parse_id(self.arguments[0].strip(), "id")
        except FieldError as err:
            self.problem(err.subtype, f"{self.schema.directive}: {err}")
            return None

    def parse(self) -> tuple[str | None, dict, dict, bool]:
        """Argument and options through the schema: (id, values, extra keys, usable?).

        Problems are recorded with the line of the offending option; a missing or
        unparsable required value makes the declaration unusable (nothing is declared).
        """
        ident = self.parse_argument()
        values, extra, problems = self.schema.parse(self.options, vocabularies(self.config))
        for name, err in problems:
            self.problem(err.subtype, str(err), self.option_line(name))
        usable = not (self.schema.argument and ident is None) and all(
            spec.name in values for spec in self.schema.fields if spec.required)
        for spec in self.schema.fields:
            if spec.default is not None and spec.name not in values:
                values[spec.name] = spec.default
        return ident, values, extra, usable

    def run(self) -> list[nodes.Node]:
        ident, values, extra, usable = self.parse()
        body = self.body_text()
        if not usable:
            if self.kind == "technique":  # its page's results belong to it: the catalogue must not call them misplaced
                self.domain.note_decl(Decl("unusable-technique", f"{self.env.docname}:{self.lineno}", self.env.docname, self.lineno))
            return []
        decl = Decl(
            kind=self.kind,
            id=ident or f"{self.env.docname}:{self.lineno}",
            docname=self.env.docname,
            lineno=self.lineno,
            fields=tuple(sorted(values.items())),
            extra=tuple(sorted(extra.items())),
            body=body,
            lines=tuple((name, self.option_line(name)) for name in sorted(self.options)),
        )
        return self.declare(decl)

    def body_text(self) -> str:
        if self.content and not self.schema.content:
            self.problem(KbWarning.BAD_VALUE, f"{self.schema.directive} takes no content")
        return " ".join(" ".join(self.content).split()) if self.schema.content else ""

    def declare(self, decl: Decl) -> list[nodes.Node]:
        self.domain.note_decl(decl)
        return [self.target(decl)]

    def target(self, decl: Decl) -> nodes.target:
        node = nodes.target("", "", ids=[anchor_id(decl.kind, decl.id)])
        self.set_source_info(node)
        return node

    def placeholder(self, view: str, **options) -> kb_view:
        """A placeholder carrying its view record, stamped with this page (see :mod:`etkb.placeholder`)."""
        node = kb_view("", record=View(view, self.env.docname, self.lineno, tuple(sorted(options.items()))))
        self.set_source_info(node)
        return node


class TechniqueDirective(KbDirective):
    kind = "technique"

    def declare(self, decl: Decl) -> list[nodes.Node]:
        others = [d for d in self.domain.data["decls"].get(self.env.docname, ()) if d.kind == "technique"]
        if others:
            self.problem(KbWarning.MISPLACED, f"a page declares one technique; {others[0].id!r} is already declared here")
            return []
        self.domain.note_decl(decl)
        return [self.target(decl), self.placeholder("card", technique=decl.id)]


class CategoryDirective(KbDirective):
    kind = "category"

    def declare(self, decl: Decl) -> list[nodes.Node]:
        self.domain.note_decl(decl)
        return [self.target(decl), self.placeholder("category-card", category=decl.id)]


class RepoDirective(KbDirective):
    kind = "repo"

    def declare(self, decl: Decl) -> list[nodes.Node]:
        self.domain.note_decl(decl)
        return [self.target(decl), self.placeholder("repo", repo=decl.id)]


class BenchmarkDirective(KbDirective):
    kind = "benchmark"

    def declare(self, decl: Decl) -> list[nodes.Node]:
        self.domain.note_decl(decl)
        return [self.target(decl), self.placeholder("benchmark-card", benchmark=decl.id)]


class MetricDirective(KbDirective):
    kind = "metric"

    def declare(self, decl: Decl) -> list[nodes.Node]:
        self.domain.note_decl(decl)
        return []


class ResultDirective(KbDirective):
    kind = "result"

    def declare(self, decl: Decl) -> list[nodes.Node]:
        self.domain.note_decl(decl)
        return [self.placeholder("result", benchmark=decl.get("benchmark"), lines=(decl.lineno,))]


class ViewDirective(KbDirective):
    """A directive that declares nothing and shows an aggregate, rendered late."""

    def run(self) -> list[nodes.Node]:
        argument, values, _extra, usable = self.parse()
        self.body_text()
        if not usable:
            return []
        if argument is not None:
            values["argument"] = argument
        return [self.placeholder(self.kind, **values)]


class TechniquesTable(ViewDirective):
    kind = "techniques"


class Leaderboard(ViewDirective):
    kind = "leaderboard"


class Vocabulary(ViewDirective):
    kind = "vocabulary"


class Plot(ViewDirective):
    kind = "plot"


class Taxonomy(ViewDirective):
    kind = "taxonomy"


class Repos(ViewDirective):
    kind = "repos"


class Exports(ViewDirective):
    kind = "exports"


class RelationMap(ViewDirective):
    kind = "relmap"


class Guide(ViewDirective):
    kind = "guide"


class Compare(ViewDirective):
    kind = "compare"


class WhatsNew(ViewDirective):
    kind = "whatsnew"


class Stale(ViewDirective):
    kind = "stale"


DIRECTIVES = {
    "technique": TechniqueDirective,
    "category": CategoryDirective,
    "repo": RepoDirective,
    "benchmark": BenchmarkDirective,
    "metric": MetricDirective,
    "result": ResultDirective,
    "techniques": TechniquesTable,
    "leaderboard": Leaderboard,
    "plot": Plot,
    "vocabulary": Vocabulary,
    "taxonomy": Taxonomy,
    "repos": Repos,
    "exports": Exports,
    "relmap": RelationMap,
    "guide": Guide,
    "compare": Compare,
    "whatsnew": WhatsNew,
    "stale": Stale,
}

__all__ = ["DIRECTIVES", "KbDirective", "AnyOption", "ID_RE"]
