"""KTO: one conversation and whether its last answer is desirable → `{"messages": [...], "label": bool}`.

Accepted as `messages` + `label` (LLaMA-Factory) or `prompt` + `completion` + `label` (TRL's unpaired format).
"""

from __future__ import annotations

from typing import Any

from backend.datasets.formats import messages as m
from backend.datasets.formats.base import Format, Record, RecordError, as_bool, text_field


def _part(record: Record, key: str, role: str) -> list[dict[str, Any]]:
    value = record.get(key)
    if isinstance(value, list):
        return m.messages(value, key, need_assistant=role == "assistant")
    return [{"role": role, "content": text_field(record, key)}]


def normalise_kto(record: Record) -> dict[str, Any]:
    if "label" not in record or record["label"] is None:
        raise RecordError("label", "missing; say whether the answer is desirable with true or false")
    label = as_bool(record["label"], "label")
    if "messages" in record:
        msgs = m.messages(record.get("messages"), "messages")
    else:
        msgs = [*_part(record, "prompt", "user"), *_part(record, "completion", "assistant")]
    if msgs[-1]["role"] != "assistant":
        raise RecordError("messages", "must end with the assistant answer that the label judges")
    out = m.conversation(msgs, m.tools(record.get("tools")))
    out["label"] = label
    return out


KTO = Format(
    name="kto",
    family="kto",
    kind="kto",
    title="KTO",
    description=(
        "`messages` ending with an assistant answer and a boolean `label` (true = desirable); or `prompt`, "
        "`completion` and `label` as TRL reads them."
    ),
    fields=("messages", "label", "prompt", "completion", "tools"),
    required=("messages", "label"),
    example={
        "messages": [
            {"role": "user", "content": "What is 7 × 8?"},
            {"role": "assistant", "content": "56"},
        ],
        "label": True,
    },
    matches=lambda r: "label" in r and ("messages" in r or ("prompt" in r and "completion" in r)),
    normalise=normalise_kto,
)
