"""Open-ended eval prompts for people to judge → `{"messages": [...], "reference"?: str}`.

A record is a `prompt` (one user turn) or `messages` ending with a user turn, plus an optional `reference` answer.
The `messages` form needs a `reference` (without one it is a chat to train on, in the OpenAI format).
"""

from __future__ import annotations

from typing import Any

from backend.datasets.formats import messages as m
from backend.datasets.formats.base import Format, Record, RecordError, text_field

_NOT_PROMPTS = ("chosen", "rejected", "completion", "label", "preferred_output", "conversations", "text")


def normalise_prompt(record: Record) -> dict[str, Any]:
    if "messages" in record:
        msgs = m.messages(record.get("messages"), "messages", need_assistant=False)
        if msgs[-1]["role"] != "user":
            raise RecordError("messages", "must end with the user turn the model should answer")
    else:
        msgs = [{"role": "user", "content": text_field(record, "prompt")}]
    out: dict[str, Any] = {"messages": msgs}
    if record.get("reference") is not None:
        out["reference"] = text_field(record, "reference")
    return out


def _matches(record: Record) -> bool:
    if any(key in record for key in _NOT_PROMPTS):
        return False
    return "prompt" in record or ("messages" in record and "reference" in record)


PROMPTS = Format(
    name="prompts",
    family="prompts",
    kind="prompts",
    title="Open-ended prompts",
    description=(
        "A prompt to answer for human evaluation: `prompt` (text) or `messages` ending with a user turn, and an "
        "optional `reference` answer."
    ),
    fields=("prompt", "messages", "reference"),
    required=("prompt",),
    example={"prompt": "Explain the difference between a lease and a licence.", "reference": "A lease grants..."},
    matches=_matches,
    normalise=normalise_prompt,
)
