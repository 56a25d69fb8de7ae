"""Template parity: a checkpoint's tokenizer must render, at inference, exactly the token ids it was trained on.

Inference renders the conversation so far with `apply_chat_template(..., add_generation_prompt=True)` from the
checkpoint's own tokenizer config; training rendered the whole conversation with the template it wrote there. The
prompt ids must be a prefix of the training ids, and the next training token must be one that carried loss (the
start of the answer). A mismatch means a served model would see prompts it was never trained on.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transformers import AutoTokenizer

from worker.engine.data.chat import IGNORE_INDEX, prepare_messages, record_tools, tokenize_chat
from worker.engine.data.records import read_jsonl
from worker.engine.errors import DataError


@dataclass
class ParityReport:
    checked: int = 0
    mismatches: list[tuple[int, str]] = field(default_factory=list)


def template_parity(
    checkpoint_dir: Path, dataset_path: Path, *, default_system_prompt: str | None, max_records: int = 32
) -> ParityReport:
    tokenizer = AutoTokenizer.from_pretrained(checkpoint_dir)
    template = tokenizer.chat_template
    if not isinstance(template, str):
        return ParityReport(mismatches=[(-1, "the checkpoint's tokenizer has no chat template")])
    report = ParityReport()
    for index, record in read_jsonl(dataset_path)[:max_records]:
        try:
            messages, _ = prepare_messages(record, default_system_prompt=default_system_prompt, index=index)
            trained = tokenize_chat(
                record, tokenizer, chat_template=template, default_system_prompt=default_system_prompt, index=index
            )
        except DataError:
            continue  # records the run could not use were reported by the data check
        last_answer = max((i for i, m in enumerate(messages) if m["role"] == "assistant"), default=None)
        if last_answer is None:
            continue
        tools: list[Any] | None = record_tools(record)
        prompt_text = tokenizer.apply_chat_template(
            messages[:last_answer], tools=tools, add_generation_prompt=True, tokenize=False
        )
        prompt = tokenizer(prompt_text, add_special_tokens=False)["input_ids"]
        report.checked += 1
        if trained.input_ids[: len(prompt)] != prompt:
            report.mismatches.append((index, "the inference prompt is not a prefix of the training tokens"))
        elif len(trained.labels) <= len(prompt) or trained.labels[len(prompt)] == IGNORE_INDEX:
            report.mismatches.append((index, "the answer after the inference prompt was not trained"))
    return report
