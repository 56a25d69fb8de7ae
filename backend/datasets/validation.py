"""Problems found in an uploaded file, and the bounded list that collects them.

Every problem names the file, the line (or Parquet row) and the field, and says what to change. Each bad record
is also written, with its raw text, to a quarantine file, so an upload with `on_invalid=quarantine` keeps every
one of them (the list in memory stays bounded; the file holds them all).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, BinaryIO

from backend.datasets.formats.base import RecordError
from backend.datasets.formats.messages import ROLES, normalise_openai

MAX_PROBLEMS = 20

# The OpenAI chat normaliser under its historical name.
normalise_record = normalise_openai

__all__ = ["MAX_PROBLEMS", "ROLES", "Problem", "Problems", "RecordError", "normalise_record"]


@dataclass
class Problem:
    file: str
    line: int
    field: str
    message: str
    unit: str = "line"  # "row" for Parquet

    def sentence(self) -> str:
        where = f"{self.file} {self.unit} {self.line}" + (f", field {self.field}" if self.field else "")
        return f"{where}: {self.message}"

    def as_dict(self) -> dict[str, Any]:
        return {"file": self.file, "line": self.line, "field": self.field, "message": self.message}


@dataclass
class Problems:
    """The first `MAX_PROBLEMS` problems, and how many there were in all (memory stays bounded).

    With a `quarantine` file, every problem is also written there as one JSON line: file, line, field, message
    and the record's raw text. `readable` turns False when part of the file could not be read at all: its
    records past that point are unknown, so the file cannot be accepted in part.
    """

    file: str
    unit: str = "line"
    quarantine: BinaryIO | None = None
    listed: list[Problem] = field(default_factory=list)
    count: int = 0
    readable: bool = True

    def add(self, line: int, fld: str, message: str, raw: str = "") -> None:
        self.count += 1
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append(Problem(self.file, line, fld, message, self.unit))
        if self.quarantine is not None:
            entry = {
                "file": self.file,
                "line": line,
                "unit": self.unit,
                "field": fld,
                "message": message,
                "raw": raw.rstrip("\r\n"),
            }
            self.quarantine.write((json.dumps(entry, ensure_ascii=False) + "\n").encode("utf-8"))
