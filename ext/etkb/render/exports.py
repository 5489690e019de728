"""``kb:exports``: the Data page's list of every export, its schema, version and fields,
read from the schemas that are published with the files, so the page cannot drift."""

from __future__ import annotations

import json

from docutils import nodes

from .. import exports
from .common import output_file_link, para, table


def _fields(schema: dict) -> tuple[tuple[str, str], ...]:
    """(field, type) of an export's records: a JSON file's list items, or a CSV file's row."""
    props = {k: v for k, v in schema.get("properties", {}).items() if k not in ("schema", "schema_version")}
    lists = {k: v for k, v in props.items() if v.get("type") == "array" and "properties" in v.get("items", {})}
    if len(props) == 1 and "additionalProperties" in next(iter(props.values())):  # {"techniques": {id: entry}}
        return ((f"{next(iter(props))}.<technique id>", "BibTeX entry (text)"),)
    if lists and len(lists) == len(props):  # {"results": [record, ...]}, or one list per kind (the catalogue)
        return tuple((f"{name}[].{field}" if len(lists) > 1 else field, kind(spec))
                     for name, records in lists.items() for field, spec in records["items"]["properties"].items())
    return tuple((k, kind(v)) for k, v in props.items())


def kind(spec) -> str:
    if "enum" in spec:
        return " | ".join(repr(v) for v in spec["enum"])
    t = spec.get("type", "")
    return " or ".join(t) if isinstance(t, list) else (f"list of {spec['items'].get('type', 'object')}" if t == "array" else t)


def exports_data(cat, view, env):
    out = []
    for name, schema_name, what in exports.EXPORTS:
        schema = json.loads((exports.SCHEMA_DIR / schema_name).read_text(encoding="utf-8"))
        out.append((name, schema_name, what, exports.SCHEMA_VERSION, _fields(schema)))
    return tuple(out)


def _file_link(name: str, ctx) -> nodes.Node:
    return output_file_link(f"{exports.EXPORT_DIR}/{name}", ctx) or nodes.literal(name, name)


def exports_build(data, ctx):
    rows = [[[_file_link(name, ctx)], what, [_file_link(schema, ctx)], str(version)] for name, schema, what, version, _ in data]
    out = [table(["File", "Holds", "JSON Schema", "Version"], rows, classes=("kb-exports",))]
    for name, _schema, _what, _version, fields in data:
        out.append(nodes.rubric(name, name))
        out.append(table(["Field", "Type"], [[nodes.literal(f, f), t] for f, t in fields], classes=("kb-export-fields",))
                   if fields else para("No fields.", classes=["kb-empty"]))
    return out
