"""Cursor pagination over time-ordered ids, newest first."""

from __future__ import annotations

from typing import Annotated, Generic, TypeVar

from fastapi import Query
from pydantic import BaseModel, Field

T = TypeVar("T")

DEFAULT_LIMIT = 50
MAX_LIMIT = 200

# Record pages of a file (a dataset's or a version's records) are read by offset, not cursor: records have no ids.
RecordOffset = Annotated[int, Query(ge=0, description="0-based index of the first record to read (or search from).")]
RecordSearch = Annotated[
    str | None,
    Query(
        max_length=200,
        description="Only records whose text holds this, ignoring case (roles and part types are not text). "
        "A page may hold fewer than `limit` matches while `next_offset` is set: one request scans a bounded "
        "number of records, so keep following `next_offset` until it is null.",
    ),
]


class Page(BaseModel, Generic[T]):
    items: list[T]
    next_cursor: str | None = Field(description="Pass as `cursor` to get the next page; null on the last page.")
