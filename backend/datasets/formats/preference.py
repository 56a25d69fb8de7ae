"""Preference pairs → `{"prompt": [messages], "chosen": [messages], "rejected": [messages], "tools"?}`.

Accepted as OpenAI DPO (`input.messages`, `preferred_output`, `non_preferred_output`), ShareGPT pairs
(`conversations` + `chosen` + `rejected` turns), flat pairs (`prompt`/`chosen`/`rejected`, strings or message
lists, as TRL reads them) and Alpaca pairs (`instruction`/`input` + `chosen`/`rejected`).
"""

from __future__ import annotations

from typing import Any

from backend.datasets.formats import messages as m
from backend.datasets.formats import sharegpt
from backend.datasets.formats.base import Format, Record, RecordError, structured, text_field


def _pair(prompt: list[dict[str, Any]], chosen: list[dict[str, Any]], rejected: list[dict[str, Any]]) -> None:
    if prompt[-1]["role"] == "assistant":
        raise RecordError("prompt", "must end with a user (or tool) message; the answers go in chosen and rejected")
    for key, answer in (("chosen", chosen), ("rejected", rejected)):
        if not any(m.trainable(msg) for msg in answer):
            raise RecordError(key, "needs an assistant answer with content")
    if chosen == rejected:
        raise RecordError("rejected", "is identical to chosen; a preference pair needs two different answers")


def _record(
    prompt: list[dict[str, Any]], chosen: list[dict[str, Any]], rejected: list[dict[str, Any]]
) -> dict[str, Any]:
    _pair(prompt, chosen, rejected)
    return {"prompt": prompt, "chosen": chosen, "rejected": rejected}


def normalise_openai_dpo(record: Record) -> dict[str, Any]:
    given = structured(record.get("input"), "input")
    if not isinstance(given, dict):
        raise RecordError("input", 'must be an object like {"messages": [...]} holding the prompt')
    prompt = m.messages(given.get("messages"), "input.messages", need_assistant=False)
    chosen = m.messages(record.get("preferred_output"), "preferred_output")
    rejected = m.messages(record.get("non_preferred_output"), "non_preferred_output")
    out = _record(prompt, chosen, rejected)
    if tool_defs := m.tools(given.get("tools"), "input.tools"):
        out["tools"] = tool_defs
    return out


def _answer_turns(value: Any, key: str) -> list[dict[str, Any]]:
    value = structured(value, key)
    if value is None:
        raise RecordError(key, 'missing; give the answer as a turn like {"from": "gpt", "value": "..."}')
    turns = value if isinstance(value, list) else [value]
    return [sharegpt.turn(t, key if len(turns) == 1 else f"{key}[{i}]") for i, t in enumerate(turns)]


def normalise_sharegpt_pairs(record: Record) -> dict[str, Any]:
    prompt = sharegpt.with_system(
        record, sharegpt.turns(record.get("conversations"), "conversations", need_assistant=False)
    )
    out = _record(
        prompt, _answer_turns(record.get("chosen"), "chosen"), _answer_turns(record.get("rejected"), "rejected")
    )
    if tool_defs := m.tools(record.get("tools")):
        out["tools"] = tool_defs
    return out


def _side(record: Record, key: str, role: str) -> list[dict[str, Any]]:
    value = record.get(key)
    if isinstance(value, list):
        return m.messages(value, key, need_assistant=role == "assistant")
    return [{"role": role, "content": text_field(record, key)}]


def _with_system(record: Record, prompt: list[dict[str, Any]]) -> list[dict[str, Any]]:
    system = text_field(record, "system", required=False)
    return (
        [{"role": "system", "content": system}, *prompt] if system.strip() and prompt[0]["role"] != "system" else prompt
    )


def normalise_flat_pairs(record: Record) -> dict[str, Any]:
    prompt = _with_system(record, _side(record, "prompt", "user"))
    return _record(prompt, _side(record, "chosen", "assistant"), _side(record, "rejected", "assistant"))


def normalise_alpaca_pairs(record: Record) -> dict[str, Any]:
    instruction = text_field(record, "instruction", allow_empty=True)
    extra = text_field(record, "input", required=False)
    if not instruction.strip() and not extra.strip():
        raise RecordError("instruction", "is empty; give the instruction (or the input) some text")
    text = "\n".join(part for part in (instruction, extra) if part.strip())
    prompt = _with_system(record, [{"role": "user", "content": text}])
    return _record(prompt, _side(record, "chosen", "assistant"), _side(record, "rejected", "assistant"))


def _pairs(r: Record) -> bool:
    return "chosen" in r and "rejected" in r


OPENAI_DPO = Format(
    name="openai_dpo",
    family="preference",
    kind="preference",
    title="OpenAI DPO pairs",
    description="`input.messages` (the prompt), `preferred_output` and `non_preferred_output` (assistant messages).",
    fields=("input", "preferred_output", "non_preferred_output"),
    required=("input", "preferred_output", "non_preferred_output"),
    example={
        "input": {"messages": [{"role": "user", "content": "Summarise: the meeting moved to Friday."}]},
        "preferred_output": [{"role": "assistant", "content": "The meeting is now on Friday."}],
        "non_preferred_output": [{"role": "assistant", "content": "Meetings are important."}],
    },
    matches=lambda r: "preferred_output" in r or "non_preferred_output" in r,
    normalise=normalise_openai_dpo,
)
SHAREGPT_PAIRS = Format(
    name="sharegpt_pairs",
    family="preference",
    kind="preference",
    title="ShareGPT preference pairs",
    description="`conversations` (the prompt turns), `chosen` and `rejected` (each a {from: gpt, value} turn).",
    fields=("conversations", "chosen", "rejected", "system", "tools"),
    required=("conversations", "chosen", "rejected"),
    example={
        "conversations": [{"from": "human", "value": "Name a prime number above 10."}],
        "chosen": {"from": "gpt", "value": "11"},
        "rejected": {"from": "gpt", "value": "12"},
    },
    matches=lambda r: "conversations" in r and _pairs(r),
    normalise=normalise_sharegpt_pairs,
)
FLAT_PAIRS = Format(
    name="flat_pairs",
    family="preference",
    kind="preference",
    title="Prompt / chosen / rejected",
    description="`prompt`, `chosen`, `rejected`: strings (or message lists, as TRL reads them); optional `system`.",
    fields=("prompt", "chosen", "rejected", "system"),
    required=("prompt", "chosen", "rejected"),
    example={"prompt": "Translate 'merci' to English.", "chosen": "Thank you.", "rejected": "Please."},
    matches=lambda r: "prompt" in r and _pairs(r) and "conversations" not in r,
    normalise=normalise_flat_pairs,
)
ALPACA_PAIRS = Format(
    name="alpaca_pairs",
    family="preference",
    kind="preference",
    title="Alpaca preference pairs",
    description="`instruction`, optional `input` and `system`, `chosen` and `rejected` strings.",
    fields=("instruction", "input", "chosen", "rejected", "system"),
    required=("instruction", "chosen", "rejected"),
    example={"instruction": "Give a synonym.", "input": "happy", "chosen": "joyful", "rejected": "sad"},
    matches=lambda r: "instruction" in r and _pairs(r) and not {"prompt", "conversations", "output"} & r.keys(),
    normalise=normalise_alpaca_pairs,
)
