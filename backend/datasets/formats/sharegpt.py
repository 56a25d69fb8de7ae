"""ShareGPT conversations (`{"conversations": [{"from", "value"}], "system"?, "tools"?}`), as LLaMA-Factory reads
them: human/gpt/system turns, plus `function_call` (an assistant message with `tool_calls`) and `observation`
(a `tool` message)."""

from __future__ import annotations

from typing import Any

from backend.datasets.formats import messages as m
from backend.datasets.formats.base import Format, Record, RecordError, absent, structured, text_field

ROLE_OF = {
    "human": "user",
    "user": "user",
    "gpt": "assistant",
    "assistant": "assistant",
    "system": "system",
    "function_call": "function_call",
    "observation": "tool",
    "function": "tool",
    "tool": "tool",
}


def turn(raw: Any, where: str) -> dict[str, Any]:
    """One ShareGPT turn (`from`/`value`, or `role`/`content`) as an internal message."""
    if not isinstance(raw, dict):
        raise RecordError(where, 'must be an object like {"from": "human", "value": "..."}')
    speaker = raw.get("from", raw.get("role"))
    value = raw.get("value", raw.get("content"))
    role = ROLE_OF.get(speaker) if isinstance(speaker, str) else None
    if role is None:
        raise RecordError(f"{where}.from", f"{speaker!r} is not one of {', '.join(ROLE_OF)}")
    if role == "function_call":
        if absent(value):
            raise RecordError(f"{where}.value", 'a function_call needs a value like {"name": ..., "arguments": {...}}')
        if isinstance(value, str) and value.strip()[:1] not in ("{", "["):
            raise RecordError(f"{where}.value", 'a function_call value must be JSON: {"name": ..., "arguments": {...}}')
        return {"role": "assistant", "content": "", "tool_calls": m.tool_calls(value, f"{where}.value")}
    if not isinstance(value, str):
        raise RecordError(f"{where}.value", "missing; every turn needs a string 'value'")
    return {"role": role, "content": value}


def turns(value: Any, where: str, *, need_assistant: bool = True) -> list[dict[str, Any]]:
    value = structured(value, where)
    if value is None:
        raise RecordError(where, "missing; each record needs a 'conversations' list of {from, value}")
    if not isinstance(value, list) or not value:
        raise RecordError(where, "must be a non-empty list of {from, value} turns")
    out = [turn(t, f"{where}[{i}]") for i, t in enumerate(value)]
    for i, msg in enumerate(out):
        if msg["role"] == "tool" and (i == 0 or out[i - 1]["role"] not in ("tool", "assistant")):
            raise RecordError(f"{where}[{i}].from", "an observation must follow a function_call")
    if need_assistant and not any(m.trainable(msg) for msg in out):
        raise RecordError(where, "needs at least one gpt (or function_call) turn to train on")
    return out


def with_system(record: Record, msgs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    system = text_field(record, "system", required=False)
    if system.strip() and msgs[0]["role"] != "system":
        return [{"role": "system", "content": system}, *msgs]
    return msgs


def normalise_sharegpt(record: Record) -> dict[str, Any]:
    msgs = with_system(record, turns(record.get("conversations"), "conversations"))
    return m.conversation(msgs, m.tools(record.get("tools")))


SHAREGPT = Format(
    name="sharegpt",
    family="sharegpt",
    kind="messages",
    title="ShareGPT",
    description=(
        "`conversations`: a list of {from: human|gpt|system|function_call|observation, value}; optional "
        "`system` and `tools` (a JSON string or list of function definitions)."
    ),
    fields=("conversations", "system", "tools"),
    required=("conversations",),
    example={
        "conversations": [
            {"from": "human", "value": "What's the weather in Oslo?"},
            {"from": "function_call", "value": '{"name": "get_weather", "arguments": {"city": "Oslo"}}'},
            {"from": "observation", "value": '{"temperature_c": 4}'},
            {"from": "gpt", "value": "It is 4 °C in Oslo."},
        ],
        "tools": '[{"name": "get_weather", "description": "Current weather", "parameters": {"type": "object", '
        '"properties": {"city": {"type": "string"}}}}]',
    },
    matches=lambda r: "conversations" in r and "chosen" not in r and "rejected" not in r,
    normalise=normalise_sharegpt,
)
