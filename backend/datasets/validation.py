"""Problems found in an uploaded file, and the bounded list that collects them.

Every problem names the file, the line (or Parquet row) and the field, and says what to change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

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
    """The first `MAX_PROBLEMS` problems, and how many there were in all (memory stays bounded)."""

    file: str
    unit: str = "line"
    listed: list[Problem] = field(default_factory=list)
    count: int = 0

    def add(self, line: int, fld: str, message: str) -> None:
        self.count += 1
        if len(self.listed) < MAX_PROBLEMS:
            self.listed.append(Problem(self.file, line, fld, message, self.unit))
