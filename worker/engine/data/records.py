"""Reading normalised training records (JSONL, one `{"messages": [...]}` object per line)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from worker.engine.errors import DataError


def read_jsonl(path: Path) -> list[tuple[int, dict[str, Any]]]:
    """(index, record) for every record; blank lines are skipped but counted, so index = line number - 1."""
    records: list[tuple[int, dict[str, Any]]] = []
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
            records.append((index, record))
    if not records:
        raise DataError("the dataset has no records", source=str(path))
    return records
