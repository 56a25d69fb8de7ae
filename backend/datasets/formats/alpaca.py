"""Alpaca instructions (`instruction`, `input`, `output`, optional `system` and `history`) → a conversation."""

from __future__ import annotations

from typing import Any

from backend.datasets.formats.base import Format, Record, RecordError, absent, structured, text_field


def _history(value: Any) -> list[dict[str, Any]]:
    if absent(value):
        return []
    pairs = structured(value, "history")
    if not isinstance(pairs, list):
        raise RecordError("history", 'must be a list of [question, answer] pairs, like [["hi", "hello"]]')
    out: list[dict[str, Any]] = []
    for i, pair in enumerate(pairs):
        if not (isinstance(pair, list | tuple) and len(pair) == 2 and all(isinstance(x, str) for x in pair)):
            raise RecordError(f"history[{i}]", "must be a [question, answer] pair of two strings")
        out += [{"role": "user", "content": pair[0]}, {"role": "assistant", "content": pair[1]}]
    return out


def normalise_alpaca(record: Record) -> dict[str, Any]:
    instruction = text_field(record, "instruction", allow_empty=True)
    extra = text_field(record, "input", required=False)
    output = text_field(record, "output")
    if not instruction.strip() and not extra.strip():
        raise RecordError("instruction", "is empty; give the instruction (or the input) some text")
    system = text_field(record, "system", required=False)
    prompt = "\n".join(part for part in (instruction, extra) if part.strip())
    msgs = [{"role": "system", "content": system}] if system.strip() else []
    msgs += [*_history(record.get("history")), {"role": "user", "content": prompt}]
    msgs.append({"role": "assistant", "content": output})
    return {"messages": msgs}


ALPACA = Format(
    name="alpaca",
    family="alpaca",
    kind="messages",
    title="Alpaca",
    description=(
        "`instruction` and `output`, optional `input` (appended to the instruction on a new line), `system` "
        "and `history` ([[question, answer], ...] earlier turns)."
    ),
    fields=("instruction", "input", "output", "system", "history"),
    required=("instruction", "output"),
    example={
        "instruction": "Classify the sentiment of the review.",
        "input": "The battery died after two days.",
        "output": "negative",
    },
    matches=lambda r: "instruction" in r and "output" in r,
    normalise=normalise_alpaca,
)
