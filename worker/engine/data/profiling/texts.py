"""The text of a normalised record, by role, whatever its kind (messages, preference, kto, text)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from typing import Any

_SPACE = re.compile(r"\s+")


def content_text(content: Any) -> str:
    """A message's content as text: a string, or the text of its typed parts; anything else counts as empty."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        return "".join(str(p.get("text", p.get("value", ""))) for p in content if isinstance(p, Mapping))
    return ""


def _messages(messages: Any, role_override: str | None = None) -> list[tuple[str, str]]:
    pieces = []
    for message in messages if isinstance(messages, list) else []:
        if isinstance(message, Mapping):
            role = role_override or str(message.get("role", "unknown"))
            pieces.append((role, content_text(message.get("content"))))
    return pieces


def record_pieces(record: Mapping[str, Any], kind: str) -> list[tuple[str, str]]:
    """(role, text) for every piece of the record: conversation turns, or one `document` for raw text.

    Preference pairs attribute their answers to `chosen` and `rejected` so the two sides stay comparable.
    """
    if kind == "text":
        return [("document", str(record.get("text", "")))]
    if kind == "preference":
        return [
            *_messages(record.get("prompt")),
            *_messages(record.get("chosen"), "chosen"),
            *_messages(record.get("rejected"), "rejected"),
        ]
    return _messages(record.get("messages"))


def normalise(text: str) -> str:
    """What makes two records "the same": Unicode-compatible forms, case and runs of whitespace do not count."""
    return _SPACE.sub(" ", unicodedata.normalize("NFKC", text).casefold()).strip()


def joined(pieces: list[tuple[str, str]]) -> str:
    """The record's text for duplicate, language, quality and PII checks; roles are kept as separators."""
    return "\n".join(f"{role}: {text}" for role, text in pieces)
