"""Streaming validation and normalisation of chat datasets (JSONL, one `{"messages": [...]}` per line).

Every problem names the file, the line and the field, and says what to change. Records are normalised to
plain-string contents so the training engine sees one shape.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

ROLES = ("system", "user", "assistant", "tool")
MAX_PROBLEMS = 20


@dataclass
class Problem:
    file: str
    line: int
    field: str
    message: str

    def sentence(self) -> str:
        where = f"{self.file} line {self.line}" + (f", field {self.field}" if self.field else "")
        return f"{where}: {self.message}"


@dataclass
class ValidationResult:
    record_count: int = 0
    size_bytes: int = 0
    sha256: str = ""
    problems: list[Problem] = field(default_factory=list)
    problem_count: int = 0


class RecordError(ValueError):
    def __init__(self, field: str, message: str) -> None:
        super().__init__(message)
        self.field = field
        self.message = message


def _content_text(content: Any, where: str) -> str:
    if isinstance(content, str):
        return content
    if isinstance(content, list):  # typed content parts: [{"type": "text", "text"|"value": "..."}]
        texts = []
        for i, part in enumerate(content):
            if not isinstance(part, dict) or part.get("type") != "text":
                raise RecordError(
                    f"{where}[{i}]", "only text content parts ({'type': 'text', 'text': ...}) are supported"
                )
            text = part.get("text", part.get("value"))
            if not isinstance(text, str):
                raise RecordError(f"{where}[{i}].text", "a text part needs a string 'text'")
            texts.append(text)
        return "".join(texts)
    raise RecordError(where, "content must be a string or a list of text parts")


def normalise_record(record: Any) -> dict[str, Any]:
    """Return the record in the internal conversation shape, or raise RecordError naming the field."""
    if not isinstance(record, dict):
        raise RecordError("", 'each line must be a JSON object like {"messages": [...]}')
    messages = record.get("messages")
    if messages is None:
        raise RecordError("messages", "missing; each record needs a 'messages' list of {role, content}")
    if not isinstance(messages, list) or not messages:
        raise RecordError("messages", "must be a non-empty list of {role, content} objects")
    out = []
    for i, message in enumerate(messages):
        where = f"messages[{i}]"
        if not isinstance(message, dict):
            raise RecordError(where, "must be an object with 'role' and 'content'")
        role = message.get("role")
        if role not in ROLES:
            raise RecordError(f"{where}.role", f"{role!r} is not one of {', '.join(ROLES)}")
        if "content" not in message or message["content"] is None:
            raise RecordError(f"{where}.content", "missing; every message needs content")
        item: dict[str, Any] = {"role": role, "content": _content_text(message["content"], f"{where}.content")}
        weight = message.get("weight", message.get("loss_weight"))
        if weight is not None:
            # OpenAI's `weight` / LLaMA-Factory's `loss_weight`: 0 = do not train on this message, 1 = train.
            if isinstance(weight, bool) or weight not in (0, 1):
                raise RecordError(f"{where}.weight", f"weight must be 0 or 1, not {weight!r}")
            item["weight"] = int(weight)
        out.append(item)
    if not any(m["role"] == "assistant" and m["content"].strip() for m in out):
        raise RecordError("messages", "needs at least one assistant message with content to train on")
    return {"messages": out}


def _lines(stream: BinaryIO) -> Iterable[tuple[int, bytes]]:
    yield from enumerate(stream, start=1)


def validate_jsonl(stream: BinaryIO, filename: str, out_path: Path, max_bytes: int) -> ValidationResult:
    """Validate `stream` line by line, writing normalised records to `out_path`.

    Memory stays bounded by one line. Raises `OverflowError` past `max_bytes`.
    """
    result = ValidationResult()
    digest = hashlib.sha256()

    def problem(line: int, fld: str, message: str) -> None:
        result.problem_count += 1
        if len(result.problems) < MAX_PROBLEMS:
            result.problems.append(Problem(filename, line, fld, message))

    with out_path.open("wb") as out:
        for number, raw in _lines(stream):
            result.size_bytes += len(raw)
            if result.size_bytes > max_bytes:
                raise OverflowError
            if number == 1 and raw.startswith(b"\xef\xbb\xbf"):
                raw = raw[3:]
            try:
                text = raw.decode("utf-8")
            except UnicodeDecodeError as exc:
                problem(number, "", f"not valid UTF-8 (byte {exc.start}); save the file as UTF-8")
                continue
            if not text.strip():
                continue
            try:
                record = json.loads(text)
            except json.JSONDecodeError as exc:
                problem(
                    number, "", f"not valid JSON ({exc.msg} at column {exc.colno}); each line must be one JSON object"
                )
                continue
            try:
                normalised = normalise_record(record)
            except RecordError as exc:
                problem(number, exc.field, exc.message)
                continue
            line = (json.dumps(normalised, ensure_ascii=False) + "\n").encode("utf-8")
            digest.update(line)
            out.write(line)
            result.record_count += 1
    result.sha256 = digest.hexdigest()
    return result
