"""One schema per directive: the single definition behind validation, the
authors' reference page and the scaffold.

A :class:`Field` knows how to turn an author's raw option text into a typed,
immutable value, or to say precisely why it cannot. Directives never parse
options themselves; they hand the raw mapping to :meth:`Schema.parse`.
"""

from __future__ import annotations

import datetime as _dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .diagnostics import KbWarning, did_you_mean

ID_RE = re.compile(r"^[a-z0-9](?:[a-z0-9._-]{0,78}[a-z0-9])?$")
BIBKEY_RE = re.compile(r"^[A-Za-z0-9_:.\-+/]{1,120}$")
URL_RE = re.compile(r"^https?://[A-Za-z0-9.-]+(?::\d+)?(?:[/?#][^\s<>\"']*)?$")
MAX_TEXT = 500


class FieldError(ValueError):
    """A raw value that does not fit its field; carries the warning subtype."""

    def __init__(self, subtype: KbWarning, message: str) -> None:
        super().__init__(message)
        self.subtype = subtype


@dataclass(frozen=True)
class Field:
    """One option of a directive.

    ``kind`` names the value type (shown in the reference); ``vocab`` is either a
    fixed tuple of allowed values or the name of a ``kb_*`` config value holding them.
    """

    name: str
    kind: str
    help: str
    required: bool = False
    default: Any = None
    vocab: tuple[str, ...] | str | None = None
    many: bool = False

    def allowed(self, vocabularies: Mapping[str, tuple[str, ...]]) -> tuple[str, ...] | None:
        if isinstance(self.vocab, str):
            return tuple(vocabularies.get(self.vocab, ()))
        return self.vocab

    def parse(self, raw: str | None, vocabularies: Mapping[str, tuple[str, ...]]) -> Any:
        raw = "" if raw is None else str(raw)
        if self.kind == "flag":
            if raw.strip():
                raise FieldError(KbWarning.BAD_VALUE, f"option {self.name!r} is a flag and takes no value")
            return True
        if self.many:
            items = split_list(raw, self.name)
            return tuple(self._parse_one(item, vocabularies) for item in items)
        if not raw.strip():
            raise FieldError(KbWarning.BAD_VALUE, f"option {self.name!r} needs a value")
        return self._parse_one(raw.strip(), vocabularies)

    def _parse_one(self, raw: str, vocabularies: Mapping[str, tuple[str, ...]]) -> Any:
        parser = _PARSERS[self.kind]
        value = parser(raw, self.name)
        allowed = self.allowed(vocabularies)
        if allowed is not None and value not in allowed:
            raise FieldError(
                KbWarning.BAD_VALUE,
                f"{self.name!r}: {raw!r} is not one of: {', '.join(allowed)}{did_you_mean(raw, allowed)}",
            )
        return value


def split_list(raw: str, name: str) -> tuple[str, ...]:
    """Split a comma-separated list; an empty item is an error, not silently dropped."""
    if not raw.strip():
        raise FieldError(KbWarning.MALFORMED_LIST, f"option {name!r} needs at least one item")
    items = tuple(item.strip() for item in raw.split(","))
    if any(not item for item in items):
        raise FieldError(
            KbWarning.MALFORMED_LIST,
            f"option {name!r}: empty item in list {raw!r} (items are separated by single commas)",
        )
    if len(set(items)) != len(items):
        raise FieldError(KbWarning.MALFORMED_LIST, f"option {name!r}: repeated item in {raw!r}")
    return items


def _clip(raw: str) -> str:
    return raw if len(raw) <= 60 else raw[:57] + "..."


def parse_id(raw: str, name: str) -> str:
    if not ID_RE.match(raw):
        raise FieldError(
            KbWarning.BAD_VALUE,
            f"{name!r}: {_clip(raw)!r} is not an id (lowercase letters, digits, '-', '.', '_'; at most 80)",
        )
    return raw


def parse_text(raw: str, name: str) -> str:
    text = " ".join(raw.split())
    if len(text) > MAX_TEXT:
        raise FieldError(KbWarning.BAD_VALUE, f"{name!r}: text longer than {MAX_TEXT} characters")
    return text


def parse_url(raw: str, name: str) -> str:
    if not URL_RE.match(raw) or len(raw) > 2000:
        raise FieldError(
            KbWarning.BAD_URL, f"{name!r}: {_clip(raw)!r} is not an absolute http(s) URL"
        )
    return raw


def parse_year(raw: str, name: str) -> int:
    if not re.fullmatch(r"\d{4}", raw) or not 1900 <= int(raw) <= 2100:
        raise FieldError(KbWarning.BAD_VALUE, f"{name!r}: {_clip(raw)!r} is not a year")
    return int(raw)


def parse_date(raw: str, name: str) -> str:
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", raw):
            return _dt.date.fromisoformat(raw).isoformat()
    except ValueError:
        pass
    raise FieldError(KbWarning.BAD_VALUE, f"{name!r}: {_clip(raw)!r} is not a date (YYYY-MM-DD)")


def parse_number(raw: str, name: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not re.fullmatch(r"[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?", raw) or not math.isfinite(value):
        raise FieldError(KbWarning.BAD_VALUE, f"{name!r}: {_clip(raw)!r} is not a plain number")
    return value


def parse_int(raw: str, name: str) -> int:
    if not re.fullmatch(r"\d{1,9}", raw):
        raise FieldError(KbWarning.BAD_VALUE, f"{name!r}: {_clip(raw)!r} is not a positive whole number")
    return int(raw)


def parse_bibkey(raw: str, name: str) -> str:
    if not BIBKEY_RE.match(raw):
        raise FieldError(KbWarning.BAD_VALUE, f"{name!r}: {_clip(raw)!r} is not a BibTeX key")
    return raw


def parse_source(raw: str, name: str) -> tuple[str, str]:
    """``"<bibkey>, <where>"``: the paper and the table or section a number is printed in."""
    key, sep, where = raw.partition(",")
    if not sep or not where.strip():
        raise FieldError(
            KbWarning.BAD_VALUE,
            f"{name!r}: {_clip(raw)!r} must be '<bibkey>, <table or section>', e.g. 'tay2021long, Table 1'",
        )
    return parse_bibkey(key.strip(), name), parse_text(where.strip(), name)


_PARSERS: dict[str, Callable[[str, str], Any]] = {
    "id": parse_id,
    "text": parse_text,
    "url": parse_url,
    "year": parse_year,
    "date": parse_date,
    "number": parse_number,
    "int": parse_int,
    "bibkey": parse_bibkey,
    "source": parse_source,
    "choice": parse_text,
}


@dataclass(frozen=True)
class Schema:
    """The options of one directive. ``extra`` names the kind of free keys it accepts (metric values)."""

    directive: str
    help: str
    fields: tuple[Field, ...]
    argument: str | None = None
    content: str | None = None
    extra: str | None = None
    by_name: Mapping[str, Field] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "by_name", {f.name: f for f in self.fields})

    def parse(
        self, raw: Mapping[str, str | None], vocabularies: Mapping[str, tuple[str, ...]]
    ) -> tuple[dict[str, Any], dict[str, str], list[tuple[str, FieldError]]]:
        """Return (typed values, unparsed extra keys, problems as (option, error))."""
        values: dict[str, Any] = {}
        extra: dict[str, str] = {}
        problems: list[tuple[str, FieldError]] = []
        missing = [spec.name for spec in self.fields if spec.required and spec.name not in raw]
        for name in sorted(raw):
            spec = self.by_name.get(name)
            if spec is None:
                if self.extra and ID_RE.match(name) and not did_you_mean(name, missing):
                    extra[name] = "" if raw[name] is None else str(raw[name]).strip()
                else:
                    hint = did_you_mean(name, missing) or did_you_mean(name, self.by_name)
                    meant = next((m for m in missing if hint and repr(m) in hint), None)
                    if meant:  # a misspelt required option: one warning, not also "needs option"
                        missing.remove(meant)
                        hint += f" ({self.directive} needs {meant!r})"
                    known = ", ".join(sorted(self.by_name))
                    problems.append((name, FieldError(
                        KbWarning.UNKNOWN_OPTION,
                        f"unknown option {_clip(name)!r} of {self.directive}{hint or f' (known: {known})'}",
                    )))
                continue
            try:
                values[name] = spec.parse(raw[name], vocabularies)
            except FieldError as err:
                problems.append((name, err))
        for name in missing:
            problems.append((name, FieldError(KbWarning.MISSING_OPTION, f"{self.directive} needs option {name!r}")))
        return values, extra, problems


# --- The schemas of the kb directives -------------------------------------------------

RELATIONS: tuple[tuple[str, str, str], ...] = (
    # option, label on the declaring page, label on the other end
    ("builds-on", "Builds on", "Built on by"),
    ("extends", "Extends", "Extended by"),
    ("combines-with", "Combines with", "Combines with"),
    ("compared-against", "Compared against", "Compared against by"),
    ("alternative-to", "Alternative to", "Alternative to"),
)

_DATES = (
    Field("added", "date", "When the page was added (YYYY-MM-DD)."),
    Field("verified", "date", "When its facts were last checked against the paper (YYYY-MM-DD)."),
)

TECHNIQUE = Schema(
    directive="kb:technique",
    help="Declares the technique a page describes; one per page. Title, authors, year and venue come from the paper's refs.bib entry.",
    argument="id",
    fields=(
        Field("paper", "bibkey", "Key of the paper in refs.bib.", required=True),
        Field("categories", "id", "Categories (taxonomy leaves where possible).", required=True, many=True),
        Field("modality", "choice", "Data modalities.", vocab="kb_modalities", many=True),
        Field("targets", "choice", "Costs the technique reduces.", vocab="kb_targets", many=True),
        Field("complexity", "text", "Cost in sequence length as the paper states it, e.g. O(n)."),
        Field("code", "url", "The official code repository; becomes an official-code repo."),
        Field("code-status", "choice", "Who released the code link.", vocab=("official", "third-party", "not-released")),
        Field("aliases", "text", "Other names the technique is known by.", many=True),
        Field("applies", "choice", "How it is applied.", vocab=("no-training", "fine-tune", "from-scratch"), many=True),
        Field("stage", "choice", "Where the saving happens.", vocab=("training", "inference"), many=True),
        Field("approximation", "choice", "Whether it computes the exact function it replaces.", vocab=("exact", "approximate")),
        Field("hardware", "text", "Hardware notes (what it needs or was measured on)."),
        Field("kernels", "choice", "Whether its saving needs custom kernels, or runs with a framework's standard operations.",
              vocab=("standard", "custom")),
        Field("data", "choice", "The data applying it needs: none, a small calibration set, or training data.",
              vocab=("none", "calibration", "training")),
        *(Field(name, "id", f"Typed relation: {label.lower()} these techniques.", many=True) for name, label, _ in RELATIONS),
        Field("title", "text", "Overrides the paper title from refs.bib; needs :override-reason:."),
        Field("override-reason", "text", "Why :title: overrides refs.bib."),
        *_DATES,
    ),
)

CATEGORY = Schema(
    directive="kb:category",
    help="Declares a taxonomy category; its page holds prose on the family.",
    argument="id",
    fields=(
        Field("parent", "id", "The parent category."),
        Field("root", "flag", "Marks a top-level category (instead of :parent:)."),
        Field("aliases", "text", "Other names of the family.", many=True),
        *_DATES,
    ),
)

REPO = Schema(
    directive="kb:repo",
    help="Declares a repository or website; the directive body is a one-line description.",
    argument="id",
    content="One-line description, in your own words.",
    fields=(
        Field("url", "url", "Where it lives.", required=True),
        Field("kind", "choice", "What it is.", vocab="kb_repo_kinds", required=True),
        Field("title", "text", "Display name (default: the last part of the URL)."),
        Field("techniques", "id", "Techniques it implements or covers.", many=True),
        *_DATES,
    ),
)

BENCHMARK = Schema(
    directive="kb:benchmark",
    help="Declares a benchmark; its metrics are declared with kb:metric.",
    argument="id",
    fields=(
        Field("paper", "bibkey", "Key of the benchmark's paper in refs.bib."),
        Field("title", "text", "Display name (default: the page title)."),
        Field("task", "text", "What is measured."),
        Field("modality", "choice", "Data modalities.", vocab="kb_modalities", many=True),
        Field("url", "url", "Official site or code."),
        *_DATES,
    ),
)

METRIC = Schema(
    directive="kb:metric",
    help="Declares a metric of a benchmark; results report values for declared metrics only.",
    argument="id",
    fields=(
        Field("benchmark", "id", "The benchmark it belongs to.", required=True),
        Field("label", "text", "Column heading (default: the id)."),
        Field("unit", "text", "Unit, e.g. %, M, GFLOPs."),
        Field("better", "choice", "Which direction is better.", vocab=("higher", "lower"), required=True),
        Field("kind", "choice", "Quality metrics go on plot y axes, cost metrics on x axes.", vocab=("quality", "cost"), default="quality"),
    ),
)

RESULT = Schema(
    directive="kb:result",
    help="One reported row: a technique on a benchmark in one setting, with its source. Metric values are options named by metric id.",
    extra="metric values: ':<metric-id>: <number>'",
    fields=(
        Field("technique", "id", "The technique (default: the one declared on this page)."),
        Field("benchmark", "id", "The benchmark.", required=True),
        Field("source", "source", "'<bibkey>, <table or section>' where the numbers are printed.", required=True),
        Field("model", "text", "Backbone or model size."),
        Field("resolution", "int", "Input resolution (vision)."),
        Field("seq-len", "int", "Sequence length (language)."),
        Field("precision", "text", "Numeric precision, e.g. fp16, int8."),
        Field("hardware", "text", "Hardware of speed measurements."),
        Field("batch-size", "int", "Batch size of speed measurements."),
        Field("extra-data", "text", "Extra training data, e.g. ImageNet-21k."),
        Field("teacher", "text", "Teacher model when the row is trained by distillation, e.g. RegNetY-16GF."),
        Field("epochs", "int", "Training epochs, when they differ from the usual schedule."),
        Field("baseline", "text", "What this row is compared with, e.g. DeiT-S."),
        Field("protocol", "text", "Evaluation protocol when it differs from the benchmark's own, e.g. 'reported by the model's authors'; "
              "leaderboards rank each protocol apart."),
        Field("note", "text", "Anything else a reader needs to compare this row."),
    ),
)

SCHEMAS: dict[str, Schema] = {
    "technique": TECHNIQUE,
    "category": CATEGORY,
    "repo": REPO,
    "benchmark": BENCHMARK,
    "metric": METRIC,
    "result": RESULT,
}


# --- The schemas of the view directives (aggregates rendered late) ----------------------

TABLE_COLUMNS = ("name", "title", "authors", "year", "venue", "categories", "modality", "targets",
                 "complexity", "code", "applies", "stage", "results", "added", "verified")


def parse_year_range(raw: str, name: str) -> tuple[int, int]:
    """``2021`` or ``2019-2022`` (either end may be open: ``2020-`` or ``-2021``)."""
    low, sep, high = raw.partition("-")
    try:
        lo = parse_year(low.strip(), name) if low.strip() else 1900
        hi = (parse_year(high.strip(), name) if high.strip() else 2100) if sep else lo
    except FieldError:
        raise FieldError(KbWarning.BAD_FILTER, f"{name!r}: {_clip(raw)!r} is not a year or a range like 2019-2022") from None
    if lo > hi:
        raise FieldError(KbWarning.BAD_FILTER, f"{name!r}: empty range {raw!r}")
    return lo, hi


def parse_sort_key(raw: str, name: str) -> str:
    column = raw[1:] if raw.startswith("-") else raw
    if column not in TABLE_COLUMNS:
        raise FieldError(KbWarning.BAD_FILTER, f"{name!r}: {_clip(raw)!r} is not a column ({', '.join(TABLE_COLUMNS)})")
    return raw


_PARSERS["year-range"] = parse_year_range
_PARSERS["sort-key"] = parse_sort_key

TECHNIQUES_TABLE = Schema(
    directive="kb:techniques",
    help="A summary table of techniques, filtered, with chosen columns and order.",
    fields=(
        Field("category", "id", "Only techniques in this category or its descendants."),
        Field("no-descendants", "flag", "With :category:, leave out its sub-categories."),
        Field("year", "year-range", "A year or a range, e.g. 2021 or 2019-2022."),
        Field("venue", "text", "Only venues containing this text (case-insensitive)."),
        Field("modality", "choice", "Only techniques for this modality.", vocab="kb_modalities"),
        Field("target", "choice", "Only techniques reducing this cost.", vocab="kb_targets"),
        Field("has-code", "flag", "Only techniques with a code link."),
        Field("columns", "choice", "Columns, in order.", vocab=TABLE_COLUMNS, many=True,
              default=("name", "year", "venue", "categories", "code")),
        Field("sort", "sort-key", "Sort keys; '-' in front sorts descending.", many=True, default=("name",)),
        Field("limit", "int", "Show at most this many rows."),
    ),
)

LEADERBOARD = Schema(
    directive="kb:leaderboard",
    help="The results of one benchmark, one table per comparable protocol, every number linked to its source.",
    argument="benchmark id",
    fields=(
        Field("sort", "id", "Metric to rank by (default: the first quality metric; a table without it ranks by its first metric)."),
        Field("no-plot", "flag", "Leave out the default plot (when the page draws chosen ones with kb:plot)."),
    ),
)

PLOT = Schema(
    directive="kb:plot",
    help="A quality-versus-cost plot of one benchmark's results, drawn at build time; every point links to its technique.",
    argument="benchmark id",
    fields=(
        Field("x", "id", "Cost metric on the x axis (default: the first cost metric with enough points)."),
        Field("y", "id", "Quality metric on the y axis (default: the first quality metric)."),
        Field("where", "text", "Only results in this setting, e.g. 'hardware=RTX 3090; batch-size=32', 'seq-len=4000', "
              "'extra-data=' for results without extra data, or 'model~=LLaMA-2-7B' for models containing the text; "
              "each x value is paired with the y value the same "
              "source reports for the same technique and model."),
        Field("pareto", "flag", "Mark and label the Pareto front (no other point is better on both axes)."),
    ),
)

TAXONOMY = Schema(
    directive="kb:taxonomy",
    help="The category tree with technique counts.",
    fields=(Field("root", "id", "Show only this category's subtree."),),
)

REPOS = Schema(
    directive="kb:repos",
    help="Repositories and websites grouped by kind, with the techniques that use them.",
    fields=(Field("kind", "choice", "Only these kinds.", vocab="kb_repo_kinds", many=True),),
)

VOCABULARY = Schema(
    directive="kb:vocabulary",
    help="Every category id (as a tree) and every benchmark with its metric ids, from the catalogue.",
    fields=(),
)

RELMAP = Schema(
    directive="kb:relmap",
    help="A map of how techniques relate (SVG at build time): columns by year, bands by family, edges typed by style.",
    fields=(
        Field("category", "id", "Only this category's techniques (default: the whole field)."),
        Field("relations", "choice", "Which relations to draw (default: builds-on and extends for the whole field, all on a category).",
              vocab=("builds-on", "extends", "compared-against", "alternative-to", "combines-with"), many=True),
    ),
)

GUIDE = Schema(
    directive="kb:guide",
    help="The decision guide: every technique by what applying it takes, filterable by facets in the browser.",
    fields=(),
)

COMPARE = Schema(
    directive="kb:compare",
    help="Techniques side by side: facets, complexity, code, and results on shared benchmarks aligned by setting.",
    fields=(
        Field("techniques", "id", "The techniques to compare, one column each, in this order (ids or aliases).", many=True),
        Field("benchmarks", "id", "Only these benchmarks (default: every benchmark at least two of them report).", many=True),
        Field("interactive", "flag", "The comparison page that summary tables send ticked rows to (built in the browser)."),
    ),
)

WHATSNEW = Schema(
    directive="kb:whatsnew",
    help="The latest additions and re-verifications (from :added: and :verified:), newest first, by month.",
    fields=(Field("limit", "int", "Show at most this many events (default 50)."),),
)

STALE = Schema(
    directive="kb:stale",
    help="Techniques whose facts were last verified more than kb_stale_after_days ago, or never.",
    fields=(),
)

EXPORTS = Schema(
    directive="kb:exports",
    help="Every machine-readable export with its JSON Schema, version and fields (the Data page).",
    fields=(),
)

SCHEMAS.update({
    "relmap": RELMAP,
    "guide": GUIDE,
    "compare": COMPARE,
    "whatsnew": WHATSNEW,
    "stale": STALE,
    "exports": EXPORTS,
    "vocabulary": VOCABULARY,
    "techniques": TECHNIQUES_TABLE,
    "leaderboard": LEADERBOARD,
    "plot": PLOT,
    "taxonomy": TAXONOMY,
    "repos": REPOS,
})
