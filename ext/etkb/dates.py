"""The build's own date: what "how old" and "what is new" are measured against.

``SOURCE_DATE_EPOCH`` (the reproducible-builds convention) fixes it, so two builds of the
same sources give the same bytes; without it the date is today's, in UTC. The date is an
input of every view that uses it, so the freshness digest covers it (a page listing stale
facts is rewritten when a day passes, not only when a source changes).
"""

from __future__ import annotations

import datetime as dt
import os


def build_date() -> dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date()
    return dt.datetime.now(dt.UTC).date()


def parse(value) -> dt.date | None:
    """A ``:added:``/``:verified:`` value (validated ``YYYY-MM-DD``) as a date."""
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(str(value)) if value else None
    except ValueError:
        return None
