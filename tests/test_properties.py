"""Property-based tests: option parsers never raise anything but a FieldError, and the
exports round-trip to the declared data."""

from __future__ import annotations

import csv
import io
import json

from hypothesis import given, settings
from hypothesis import strategies as st

from etkb.bib import Paper
from etkb.catalog import build_catalog
from etkb.exports import TECHNIQUE_FIELDS, catalogue, safe_cell, to_csv
from etkb.records import Decl
from etkb.schema import SCHEMAS, FieldError, parse_number, split_list

VOCAB = {"kb_modalities": ("language", "vision"), "kb_targets": ("flops",), "kb_repo_kinds": ("library",)}
ALL_FIELDS = [(name, f) for name, schema in SCHEMAS.items() for f in schema.fields]
ids = st.from_regex(r"[a-z0-9][a-z0-9-]{0,10}[a-z0-9]", fullmatch=True)


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(ALL_FIELDS), st.one_of(st.none(), st.text(max_size=300)))
def test_every_field_parser_accepts_or_explains(named_field, raw):
    _, spec = named_field
    try:
        spec.parse(raw, VOCAB)
    except FieldError as err:
        assert str(err) and err.subtype.subtype


@settings(max_examples=60, deadline=None)
@given(st.sampled_from(sorted(SCHEMAS)), st.dictionaries(st.text(max_size=20), st.one_of(st.none(), st.text(max_size=80)), max_size=8))
def test_schema_parse_never_raises(directive, options):
    values, extra, problems = SCHEMAS[directive].parse(options, VOCAB)
    assert set(values) | set(extra) | {name for name, _ in problems} <= set(options) | {f.name for f in SCHEMAS[directive].fields}


@given(st.lists(ids, min_size=1, max_size=6, unique=True))
def test_lists_round_trip(items):
    assert split_list(", ".join(items), "x") == tuple(items)


@given(st.floats(allow_nan=False, allow_infinity=False))
def test_numbers_round_trip(value):
    assert parse_number(repr(value), "x") == value


titles = st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(lambda t: t.strip() == t and t)


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(ids, titles, titles, st.integers(1950, 2030)), min_size=1, max_size=5, unique_by=lambda t: t[0]))
def test_exports_round_trip_to_the_declared_data(rows):
    decls, papers, doc_titles = [], {}, {}
    for ident, name, title, year in rows:
        decls.append(Decl("technique", ident, ident, 1, (("categories", ("c",)), ("paper", f"k-{ident}"))))
        papers[f"k-{ident}"] = Paper(f"k-{ident}", title, ("A. Author",), str(year), "Venue", "", "", "", "")
        doc_titles[ident] = name
    decls.append(Decl("category", "c", "cats", 1, (("root", True),)))
    cat = build_catalog(decls, [], papers, doc_titles)
    data = catalogue(cat, lambda doc: f"{doc}.html")
    assert json.loads(json.dumps(data, sort_keys=True)) == data
    by_id = {t["id"]: t for t in data["techniques"]}
    for ident, name, title, year in rows:
        assert by_id[ident]["name"] == name
        assert by_id[ident]["title"] == title and by_id[ident]["year"] == year
    back = list(csv.DictReader(io.StringIO(to_csv(data["techniques"], TECHNIQUE_FIELDS))))
    for record, row in zip(data["techniques"], back):
        for key in ("id", "name", "title", "venue"):
            assert row[key] == str(safe_cell(record[key]))
        assert not row["name"].startswith(("=", "+", "-", "@"))  # formulas are never live
