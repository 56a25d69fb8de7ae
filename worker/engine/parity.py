"""Template parity: a checkpoint's tokenizer must render, at inference, exactly the token ids it was trained on.

Inference renders the conversation so far with `apply_chat_template(..., add_generation_prompt=True)` from the
checkpoint's own tokenizer config; training rendered the whole conversation with the template it wrote there. The
prompt ids must be a prefix of the training ids, and the next training token must be one that carried loss (the
start of the answer). A mismatch means a served model would see prompts it was never trained on.

The conversations are those the stage trained on: an SFT record up to its last answer; a preference pair's prompt
followed by its chosen and by its rejected answer, and a KTO example's prompt followed by its answer, rendered as
the preference data does (data/preference_dataset.py). A record the checkpoint's template cannot render is a
mismatch too: training rendered every record of a run that finished, so its template could.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from transformers import AutoTokenizer, PreTrainedTokenizerBase

from specs.training import Stage
from worker.engine.data.chat import IGNORE_INDEX, Message, TokenizedChat, prepare_messages, record_tools, tokenize_chat
from worker.engine.data.preference_dataset import Renderer, kto_conversation, pair_conversations
from worker.engine.data.records import read_jsonl
from worker.engine.errors import DataError


@dataclass
class ParityReport:
    checked: int = 0
    mismatches: list[tuple[int, str]] = field(default_factory=list)


@dataclass(frozen=True)
class Answer:
    """One trained answer: the conversation before it (as a client sends it) and the tokens training rendered."""

    prompt: list[Message]
    trained: TokenizedChat
    what: str  # how the report names it: "the answer", "the chosen answer", ...


Answers = Callable[[Mapping[str, Any], Renderer, int], list[Answer]]


def _sft_answers(record: Mapping[str, Any], render: Renderer, index: int) -> list[Answer]:
    messages, _ = prepare_messages(record, default_system_prompt=None, index=index)
    last_answer = max((i for i, m in enumerate(messages) if m["role"] == "assistant"), default=None)
    if last_answer is None:
        return []
    trained = tokenize_chat(
        record,
        render.tokenizer,
        chat_template=render.chat_template,
        default_system_prompt=render.default_system_prompt,
        index=index,
    )
    return [Answer(list(record["messages"])[:last_answer], trained, "the answer")]


def _pair_answers(record: Mapping[str, Any], render: Renderer, index: int) -> list[Answer]:
    prompt, chosen, rejected = pair_conversations(record, index)
    tools = record.get("tools")
    return [
        Answer(prompt, render(prompt, chosen, tools, index), "the chosen answer"),
        Answer(prompt, render(prompt, rejected, tools, index), "the rejected answer"),
    ]


def _kto_answers(record: Mapping[str, Any], render: Renderer, index: int) -> list[Answer]:
    prompt, completion = kto_conversation(record, index)
    return [Answer(prompt, render(prompt, completion, record.get("tools"), index), "the answer")]


ANSWERS: dict[Stage, Answers] = {
    "sft": _sft_answers,
    "dpo": _pair_answers,
    "orpo": _pair_answers,
    "simpo": _pair_answers,
    "kto": _kto_answers,
}


def _inference_prompt(
    tokenizer: PreTrainedTokenizerBase, answer: Answer, record: Mapping[str, Any], default_system_prompt: str | None
) -> list[int]:
    messages, _ = prepare_messages({"messages": answer.prompt}, default_system_prompt=default_system_prompt)
    tools: list[Any] | None = record_tools(record)
    text = tokenizer.apply_chat_template(messages, tools=tools, add_generation_prompt=True, tokenize=False)
    return list(tokenizer(text, add_special_tokens=False)["input_ids"])


def _mismatch(
    tokenizer: PreTrainedTokenizerBase, answer: Answer, record: Mapping[str, Any], default_system_prompt: str | None
) -> str | None:
    prompt = _inference_prompt(tokenizer, answer, record, default_system_prompt)
    trained = answer.trained
    if trained.input_ids[: len(prompt)] != prompt:
        return f"the inference prompt of {answer.what} is not a prefix of the training tokens"
    if len(trained.labels) <= len(prompt) or trained.labels[len(prompt)] == IGNORE_INDEX:
        return f"{answer.what} after the inference prompt was not trained"
    return None


def template_parity(
    checkpoint_dir: Path,
    dataset_path: Path,
    *,
    default_system_prompt: str | None,
    stage: Stage = "sft",
    max_records: int = 32,
) -> ParityReport:
    """Compare training and inference rendering on the first `max_records` records of a run of `stage`."""
    if stage not in ANSWERS:
        raise ValueError(f"stage {stage!r} renders no chat template; parity applies to {', '.join(ANSWERS)}")
    tokenizer = AutoTokenizer.from_pretrained(checkpoint_dir)
    template = tokenizer.chat_template
    if not isinstance(template, str):
        return ParityReport(mismatches=[(-1, "the checkpoint's tokenizer has no chat template")])
    # No truncation: parity is about the rendering, and the prompt must fit before the answer anyway.
    render = Renderer(tokenizer, template, default_system_prompt, max_seq_length=None)
    report = ParityReport()
    for index, record in read_jsonl(dataset_path)[:max_records]:
        try:
            answers = ANSWERS[stage](record, render, index)
            problem = next((p for a in answers if (p := _mismatch(tokenizer, a, record, default_system_prompt))), None)
        except DataError as exc:
            answers, problem = [], f"the checkpoint's template cannot render it as training did: {exc.reason}"
        if answers or problem:
            report.checked += 1
        if problem:
            report.mismatches.append((index, problem))
    return report
