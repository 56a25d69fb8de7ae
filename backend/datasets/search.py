"""Record search: a case-insensitive substring over each normalised record's text, streamed through the file.

A record's text is every string in it except the structural ones (`role`, `type`), so searching "user" finds
records that say "user", not every conversation. The scan holds one line at a time and stops after one page of
matches or `MAX_SCAN_LINES` records, whichever comes first; `next_offset` says where the next request resumes, so
a rare term in a huge dataset is found page by page without any request running unbounded.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from typing import Any

STRUCTURAL_KEYS = frozenset({"role", "type"})
MAX_SCAN_LINES = 200_000
# JSON escapes these inside strings, so the raw line need not contain them literally.
_ESCAPED = frozenset('"\\') | frozenset(chr(c) for c in range(0x20))


def texts(value: Any) -> Iterator[str]:
    """Every string in a normalised record, structural fields left out."""
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            if key not in STRUCTURAL_KEYS:
                yield from texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from texts(item)


def matches(record: Any, needle: str) -> bool:
    """Whether `needle` (already case-folded) occurs in one of the record's strings, ignoring case."""
    return any(needle in text.casefold() for text in texts(record))


def scan(
    lines: Iterable[bytes], query: str, offset: int, limit: int, max_scan: int = MAX_SCAN_LINES
) -> tuple[list[tuple[int, dict[str, Any]]], int | None]:
    """Up to `limit` records from `offset` on whose text holds `query`, each with its 0-based index, and the
    index to resume from (None at the end of the file)."""
    needle = query.casefold()
    # Records are stored with ensure_ascii=False, so a string holding the query holds it verbatim in the raw line
    # unless the query has characters JSON escapes: the cheap byte test then skips most lines without parsing.
    prefilter = not (set(query) & _ESCAPED)
    found: list[tuple[int, dict[str, Any]]] = []
    scanned = 0
    for index, raw in enumerate(lines):
        if index < offset:
            continue
        if len(found) == limit or scanned == max_scan:
            return found, index
        scanned += 1
        if prefilter and needle not in raw.decode("utf-8").casefold():
            continue
        record = json.loads(raw)
        if matches(record, needle):
            found.append((index, record))
    return found, None
