"""OpenAI chat messages: the internal conversation shape and the `openai` source format.

Internal message: `{"role", "content": str, "weight"?: 0|1 (assistant only), "tool_calls"?, "tool_call_id"?,
"name"?}`, with OpenAI's tool calls `[{"type": "function", "function": {"name", "arguments": "<JSON>"}, "id"?}]`
and a record-level `tools` list `[{"type": "function", "function": {"name", "description"?, "parameters"?}}]`.
"""

from __future__ import annotations

import json
from typing import Any

from backend.datasets.formats.base import Format, Record, RecordError, absent, structured

ROLES = ("system", "user", "assistant", "tool")
ROLE_ALIASES = {"developer": "system"}


def content_text(content: Any, where: str) -> str:
    """A message's content as one string; typed parts (`text` or LLaMA-Factory's `value`) are joined."""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
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


def _arguments(value: Any, where: str) -> str:
    if isinstance(value, str):
        try:
            json.loads(value)
        except json.JSONDecodeError:
            raise RecordError(where, "arguments must be a JSON object (or a string holding one)") from None
        return value
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    raise RecordError(where, "arguments must be a JSON object (or a string holding one)")


def tool_call(call: Any, where: str) -> dict[str, Any]:
    """One call, given in OpenAI's shape or flat as `{"name", "arguments"}` (ShareGPT's function_call)."""
    if not isinstance(call, dict):
        raise RecordError(where, 'a tool call must be an object like {"name": ..., "arguments": {...}}')
    function = call.get("function", call)
    if not isinstance(function, dict):
        raise RecordError(f"{where}.function", "must be an object with 'name' and 'arguments'")
    name = function.get("name")
    if not isinstance(name, str) or not name:
        raise RecordError(f"{where}.name", "a tool call needs the function's 'name'")
    arguments = _arguments(function.get("arguments", {}), f"{where}.arguments")
    out: dict[str, Any] = {"type": "function", "function": {"name": name, "arguments": arguments}}
    if isinstance(call.get("id"), str):
        out["id"] = call["id"]
    return out


def tool_calls(value: Any, where: str) -> list[dict[str, Any]]:
    calls = structured(value, where)
    if isinstance(calls, dict):
        calls = [calls]
    if not isinstance(calls, list) or not calls:
        raise RecordError(where, "must be a non-empty list of tool calls")
    return [tool_call(call, f"{where}[{i}]") for i, call in enumerate(calls)]


def tools(value: Any, where: str = "tools") -> list[dict[str, Any]] | None:
    """The functions a conversation may call, as OpenAI tool definitions; None when there are none."""
    if absent(value):
        return None
    parsed = structured(value, where)
    if isinstance(parsed, dict):
        parsed = [parsed]
    if not isinstance(parsed, list):
        raise RecordError(where, "must be a list of function definitions (or a JSON string holding one)")
    out = []
    for i, tool in enumerate(parsed):
        function = tool.get("function", tool) if isinstance(tool, dict) else None
        if not isinstance(function, dict) or not isinstance(function.get("name"), str):
            raise RecordError(f"{where}[{i}]", "each tool needs a 'name' (and usually 'description', 'parameters')")
        out.append({"type": "function", "function": function})
    return out or None


def _weight(message: dict[str, Any], where: str) -> int | None:
    weight = message.get("weight", message.get("loss_weight"))
    if weight is None:
        return None
    # OpenAI's `weight` / LLaMA-Factory's `loss_weight`: 0 = do not train on this message, 1 = train.
    if isinstance(weight, bool) or weight not in (0, 1):
        raise RecordError(f"{where}.weight", f"weight must be 0 or 1, not {weight!r}")
    return int(weight)


def message(raw: Any, where: str) -> dict[str, Any]:
    if not isinstance(raw, dict):
        raise RecordError(where, "must be an object with 'role' and 'content'")
    given = raw.get("role")
    role = ROLE_ALIASES.get(given, given) if isinstance(given, str) else None
    if role not in ROLES:
        raise RecordError(f"{where}.role", f"{raw.get('role')!r} is not one of {', '.join(ROLES)}")
    calls = None
    if role == "assistant" and not absent(raw.get("tool_calls") or raw.get("function_call")):
        key = "tool_calls" if raw.get("tool_calls") else "function_call"
        calls = tool_calls(raw[key], f"{where}.{key}")
    if raw.get("content") is None and calls is None:
        raise RecordError(f"{where}.content", "missing; every message needs content")
    content = "" if raw.get("content") is None else content_text(raw["content"], f"{where}.content")
    out: dict[str, Any] = {"role": role, "content": content}
    weight = _weight(raw, where)
    if weight is not None and role == "assistant":  # only assistant messages are ever trained on
        out["weight"] = weight
    if calls:
        out["tool_calls"] = calls
    for key in ("tool_call_id", "name"):
        if isinstance(raw.get(key), str) and role == "tool":
            out[key] = raw[key]
    return out


def trainable(message: dict[str, Any]) -> bool:
    return message["role"] == "assistant" and bool(message["content"].strip() or message.get("tool_calls"))


def messages(value: Any, where: str, *, need_assistant: bool = True) -> list[dict[str, Any]]:
    value = structured(value, where)
    if value is None:
        raise RecordError(where, f"missing; each record needs a '{where}' list of {{role, content}}")
    if not isinstance(value, list) or not value:
        raise RecordError(where, "must be a non-empty list of {role, content} objects")
    out = [message(m, f"{where}[{i}]") for i, m in enumerate(value)]
    if need_assistant and not any(trainable(m) for m in out):
        raise RecordError(where, "needs at least one assistant message with content to train on")
    return out


def conversation(msgs: list[dict[str, Any]], tool_defs: list[dict[str, Any]] | None) -> dict[str, Any]:
    record: dict[str, Any] = {"messages": msgs}
    if tool_defs:
        record["tools"] = tool_defs
    return record


def normalise_openai(record: Record) -> dict[str, Any]:
    return conversation(messages(record.get("messages"), "messages"), tools(record.get("tools")))


OPENAI = Format(
    name="openai",
    family="openai",
    kind="messages",
    title="OpenAI chat",
    description=(
        "`messages`: a list of {role: system|user|assistant|tool, content}; assistant messages may carry "
        "`tool_calls` and `weight` 0/1 (`loss_weight` too); content may be typed text parts; optional `tools`."
    ),
    fields=("messages", "tools"),
    required=("messages",),
    example={
        "messages": [
            {"role": "system", "content": "You are a careful tax advisor."},
            {"role": "user", "content": "Is a home office deductible?"},
            {"role": "assistant", "content": "Often, if it is used only for work. Here is how to check..."},
        ]
    },
    matches=lambda r: "messages" in r and "label" not in r and "reference" not in r,
    normalise=normalise_openai,
)
