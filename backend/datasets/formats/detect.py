"""Choosing a file's format from a sample of its first records.

Each record format has a signature (which keys identify it); the signatures are disjoint. The format whose
signature most sampled records match wins. Its confidence is the share of sampled records that match it, each
matching record discounted by the share of its fields that the format ignores (they are dropped on ingest), so a
clean file scores 1.0 and a file with unmapped extra columns somewhat less.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from backend.core.errors import InvalidInput
from backend.datasets.formats import RECORD_FORMATS, Format, candidates

SAMPLE_SIZE = 200


@dataclass(frozen=True)
class Detection:
    format: Format
    confidence: float
    sampled: int


def _score(fmt: Format, record: Mapping[str, Any]) -> float:
    if not fmt.matches(record):
        return 0.0
    keys = [k for k in record if isinstance(k, str)]
    ignored = sum(1 for k in keys if k not in fmt.fields)
    return 1.0 - 0.5 * ignored / max(len(keys), 1)


def looks_like(record: Mapping[str, Any]) -> Format | None:
    return next((f for f in RECORD_FORMATS if f.matches(record)), None)


def _keys(record: Mapping[str, Any]) -> str:
    keys = [str(k) for k in record][:8]
    return ", ".join(keys) if keys else "no fields"


def _describe(formats: Sequence[Format]) -> str:
    return "; ".join(f"{f.title} ({', '.join(f.required)})" for f in formats)


def detect(sample: Sequence[tuple[int, Mapping[str, Any]]], requested: str, filename: str, unit: str) -> Detection:
    """`sample`: (line or row, record) pairs. Raises InvalidInput when no allowed format fits any of them."""
    allowed = candidates(requested)
    scores = {f.name: [_score(f, record) for _, record in sample] for f in allowed}
    best = max(allowed, key=lambda f: sum(1 for s in scores[f.name] if s > 0))
    matched = sum(1 for s in scores[best.name] if s > 0)
    if matched:
        return Detection(best, round(sum(scores[best.name]) / len(sample), 3), len(sample))
    where, first = sample[0]
    other = looks_like(first)
    if requested != "auto":
        hint = f"; it looks like {other.title} — use format={other.family} or auto" if other else ""
        raise InvalidInput(
            f"format={requested} was asked for, but none of the {len(sample)} sampled record(s) of {filename} has its "
            f"fields ({_describe(allowed)}): {unit} {where} has {_keys(first)}{hint}.",
            field="format",
        )
    raise InvalidInput(
        f"The format of {filename} is not recognised: {unit} {where} has {_keys(first)}. Accepted record formats: "
        f"{_describe(RECORD_FORMATS)}. Rename the fields, or for CSV/Parquet map your columns with `columns` "
        '(e.g. {"instruction": "question", "output": "answer"}); GET /api/datasets/formats shows an example of each.',
        field="file",
    )
