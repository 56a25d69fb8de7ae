"""The shape every dataset format shares: how it is recognised, what it reads and how it is normalised."""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any, Literal

Kind = Literal["messages", "preference", "kto", "text", "multiple_choice", "prompts"]
Record = Mapping[str, Any]


class RecordError(ValueError):
    """A record does not fit its format; `field` is the path inside the record (`messages[2].role`)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class Format:
    """One accepted source format.

    `matches` is the cheap signature check used by detection (which keys are present); the signatures of the
    formats are disjoint, so one record matches at most one format. `normalise` does the full check and
    returns the record in the internal shape of `kind`, or raises `RecordError` saying what to change.
    """

    name: str  # stored as Dataset.source_format
    family: str  # the value of the upload's `format` override that selects it
    kind: Kind
    title: str
    description: str
    fields: tuple[str, ...]  # every field it reads (and a column mapping may target)
    required: tuple[str, ...]  # the fields that identify it
    example: dict[str, Any]
    matches: Callable[[Record], bool]
    normalise: Callable[[Record], dict[str, Any]]


def structured(value: Any, where: str) -> Any:
    """A list/object field that a CSV cell (or a lenient exporter) holds as JSON text."""
    if isinstance(value, str) and value.strip()[:1] in ("[", "{"):
        try:
            return json.loads(value)
        except json.JSONDecodeError as exc:
            raise RecordError(where, f"holds text that is not valid JSON ({exc.msg} at column {exc.colno})") from None
    return value


def absent(value: Any) -> bool:
    """Missing, null, or an empty cell."""
    return value is None or (isinstance(value, str) and not value.strip())


def text_field(record: Record, key: str, *, required: bool = True, allow_empty: bool = False) -> str:
    value = record.get(key)
    if value is None:
        if required:
            raise RecordError(key, f"missing; each record needs a string '{key}'")
        return ""
    if not isinstance(value, str):
        raise RecordError(key, f"must be a string, not {type(value).__name__}")
    if required and not allow_empty and not value.strip():
        raise RecordError(key, "is empty; give it some text")
    return value


def as_bool(value: Any, where: str) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in ("true", "false", "1", "0", "yes", "no"):
        return value.strip().lower() in ("true", "1", "yes")
    raise RecordError(where, f"must be true or false, not {value!r}")
