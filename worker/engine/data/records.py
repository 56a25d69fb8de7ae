"""Reading normalised training records (JSONL, one object per line: `{"messages": [...]}` or `{"text": ...}`)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from worker.engine.errors import DataError


def iter_jsonl(path: Path) -> Iterator[tuple[int, dict[str, Any]]]:
    """(index, record) for every record, one line at a time; blank lines are skipped but counted (index = line - 1)."""
    with Path(path).open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if not line.strip():
                continue
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                reason = f"line {index + 1} is not valid JSON ({exc.msg})"
                raise DataError(reason, record=index, source=str(path)) from exc
            if not isinstance(record, dict):
                raise DataError("each line must be a JSON object", record=index, source=str(path))
            yield index, record


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """Every (index, record) of the file; a file without records is a DataError."""
    records = list(iter_jsonl(path))
    if not records:
        raise DataError("the dataset has no records", source=str(path))
    return records
