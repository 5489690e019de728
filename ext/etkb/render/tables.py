"""The ``kb:techniques`` summary table (filled in by the aggregates work)."""

from __future__ import annotations


def techniques_data(cat, view, env):
    return None


def techniques_build(data, ctx):
    return []
