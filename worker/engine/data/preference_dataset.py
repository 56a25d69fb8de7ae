"""Training data of the preference stages, rendered with the model's chat template like SFT data (data/chat.py).

    dpo, orpo, simpo   `{"prompt": [messages], "chosen": [messages], "rejected": [messages], "tools"?}` → pairs:
                       prompt + chosen and prompt + rejected, each tokenised as one conversation
    kto                `{"messages": [..., answer], "label": bool}` → the conversation and its label

Only the completion's assistant tokens (its end-of-turn token included) carry log-probs: assistant turns inside the
prompt are rendered with weight 0, and the default system prompt is added when the record has none, exactly as SFT
and inference do. A micro-batch is `batch_size` pairs (or examples), padded side by side: chosen rows first, then
rejected rows. A KTO micro-batch also holds, for its KL reference point, every prompt with the next example's answer
(the batch rotated by one, as in TRL), rendered when the batch is built.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import torch
from transformers import PreTrainedTokenizerBase

from specs.training import ResolvedTrainingSpec
from worker.engine.data.batching import collate
from worker.engine.data.chat import Message, TokenizedChat, tokenize_chat
from worker.engine.data.records import read_jsonl
from worker.engine.data.templates import prepare_chat_template
from worker.engine.data.training_data import Batch, LogLine, TrainingData, hold_out
from worker.engine.errors import DataError
from worker.engine.loading import pad_token_id
from worker.engine.objectives import KTO_LABEL


@dataclass(frozen=True)
class Renderer:
    """Tokenises prompt + completion with the run's template, loss only on the completion's assistant tokens."""

    tokenizer: PreTrainedTokenizerBase
    chat_template: str
    default_system_prompt: str | None
    max_seq_length: int | None

    def __call__(
        self, prompt: Sequence[Message], completion: Sequence[Message], tools: Any, index: int | None
    ) -> TokenizedChat:
        # Earlier assistant turns are context, not the answer being judged.
        context = [{**message, "weight": 0} if message.get("role") == "assistant" else message for message in prompt]
        record: dict[str, Any] = {"messages": [*context, *completion]}
        if tools:
            record["tools"] = tools
        return tokenize_chat(
            record,
            self.tokenizer,
            chat_template=self.chat_template,
            default_system_prompt=self.default_system_prompt,
            loss_on="assistant",
            max_seq_length=self.max_seq_length,
            index=index,
        )


def _messages(record: Mapping[str, Any], key: str, index: int) -> list[Message]:
    value = record.get(key)
    if not isinstance(value, list) or not value or not all(isinstance(m, dict) for m in value):
        raise DataError(f"'{key}' must be a non-empty list of messages", record=index)
    return value


@dataclass(frozen=True)
class PreferencePair:
    chosen: TokenizedChat
    rejected: TokenizedChat

    @property
    def truncated(self) -> bool:
        return self.chosen.truncated or self.rejected.truncated

    @property
    def usable(self) -> bool:
        return self.chosen.trained_tokens > 0 and self.rejected.trained_tokens > 0


def pair_conversations(record: Mapping[str, Any], index: int) -> tuple[list[Message], list[Message], list[Message]]:
    """A pair record's prompt, chosen answer and rejected answer."""
    return _messages(record, "prompt", index), _messages(record, "chosen", index), _messages(record, "rejected", index)


def tokenize_pair(record: Mapping[str, Any], render: Renderer, index: int) -> PreferencePair:
    prompt, chosen, rejected = pair_conversations(record, index)
    tools = record.get("tools")
    return PreferencePair(render(prompt, chosen, tools, index), render(prompt, rejected, tools, index))


@dataclass(frozen=True)
class KtoExample:
    prompt: list[Message]
    completion: list[Message]
    tools: Any
    desirable: bool
    tokens: TokenizedChat
    index: int


def _judged_answer(messages: list[Message], index: int) -> tuple[list[Message], list[Message]]:
    if messages[-1].get("role") != "assistant" or len(messages) < 2:
        raise DataError("'messages' must end with the assistant answer that the label judges", record=index)
    return messages[:-1], messages[-1:]


def kto_conversation(record: Mapping[str, Any], index: int) -> tuple[list[Message], list[Message]]:
    """A KTO example's prompt and the answer its label judges."""
    return _judged_answer(_messages(record, "messages", index), index)


def tokenize_kto(record: Mapping[str, Any], render: Renderer, index: int) -> KtoExample:
    messages = _messages(record, "messages", index)
    label = record.get("label")
    if not isinstance(label, bool):
        raise DataError("'label' must be true (desirable) or false (undesirable)", record=index)
    prompt, completion = _judged_answer(messages, index)
    tools = record.get("tools")
    return KtoExample(prompt, completion, tools, label, render(prompt, completion, tools, index), index)


def _renderer(spec: ResolvedTrainingSpec, tokenizer: PreTrainedTokenizerBase, chat_template: str) -> Renderer:
    return Renderer(tokenizer, chat_template, spec.model.default_system_prompt, spec.hyperparameters.max_seq_length)


def _no_usable(path: Path, max_seq_length: int) -> DataError:
    return DataError(
        f"no record keeps an answer within max_seq_length={max_seq_length} tokens; raise max_seq_length or use "
        "shorter prompts",
        source=str(path),
    )


def pair_training_data(spec: ResolvedTrainingSpec, tokenizer: PreTrainedTokenizerBase) -> TrainingData[PreferencePair]:
    """dpo, orpo, simpo: chosen/rejected pairs."""
    hp = spec.hyperparameters
    choice = prepare_chat_template(tokenizer, spec.model.chat_template)
    render = _renderer(spec, tokenizer, choice.template)
    path = Path(spec.dataset_path)
    records = read_jsonl(path)
    pairs: list[PreferencePair] = []
    for index, record in records:
        try:
            pair = tokenize_pair(record, render, index)
        except DataError as exc:
            raise DataError(exc.reason, record=exc.record, source=str(path)) from exc
        if pair.usable:  # a pair whose answer was cut off entirely compares nothing
            pairs.append(pair)
    if not pairs:
        raise _no_usable(path, hp.max_seq_length)
    train, held = hold_out(pairs, hp.eval_fraction, hp.seed)
    pad_id = pad_token_id(tokenizer)

    def to_batch(items: Sequence[PreferencePair], pad_to: int | None) -> Batch:
        return collate([p.chosen for p in items] + [p.rejected for p in items], pad_id, pad_to)

    truncated = sum(pair.truncated for pair in pairs)
    tokens = sum(len(p.chosen.input_ids) + len(p.rejected.input_ids) for p in pairs)
    summary = LogLine(
        f"data: {len(pairs)} of {len(records)} preference pairs used, {tokens:,} tokens, "
        f"{len(records) - len(pairs)} without an answer left after truncation dropped, {truncated} truncated to "
        f"{hp.max_seq_length}; {choice.reason}; log-probs on the answers' assistant tokens",
        {"records": len(records), "pairs": len(pairs), "added_tokens": choice.added_tokens},
    )
    return TrainingData(
        train=train,
        eval=held,
        to_batch=to_batch,
        token_count=lambda pair: len(pair.chosen.input_ids) + len(pair.rejected.input_ids),
        records=len(records),
        unit="pairs",
        layout="pairs padded per micro-batch (chosen and rejected rows side by side)",
        chat_template=choice.template,
        summary=[summary],
        eval_description=f"{len(held)} pairs",
        added_tokens=choice.added_tokens,
        end_of_turn=choice.end_of_turn,
    )


def kto_training_data(spec: ResolvedTrainingSpec, tokenizer: PreTrainedTokenizerBase) -> TrainingData[KtoExample]:
    """kto: answers labelled desirable or undesirable."""
    hp = spec.hyperparameters
    choice = prepare_chat_template(tokenizer, spec.model.chat_template)
    render = _renderer(spec, tokenizer, choice.template)
    path = Path(spec.dataset_path)
    records = read_jsonl(path)
    examples: list[KtoExample] = []
    for index, record in records:
        try:
            example = tokenize_kto(record, render, index)
        except DataError as exc:
            raise DataError(exc.reason, record=exc.record, source=str(path)) from exc
        if example.tokens.trained_tokens > 0:
            examples.append(example)
    if not examples:
        raise _no_usable(path, hp.max_seq_length)
    train, held = hold_out(examples, hp.eval_fraction, hp.seed)
    pad_id = pad_token_id(tokenizer)

    def to_batch(items: Sequence[KtoExample], pad_to: int | None) -> Batch:
        shifted = [items[-1], *items[:-1]]  # each prompt with the previous example's answer
        try:
            mismatched = [render(a.prompt, b.completion, a.tools, a.index) for a, b in zip(items, shifted, strict=True)]
        except DataError as exc:
            raise DataError(exc.reason, record=exc.record, source=str(path)) from exc
        batch = collate([e.tokens for e in items] + mismatched, pad_id, pad_to)
        batch[KTO_LABEL] = torch.tensor([e.desirable for e in items], dtype=torch.long)
        return batch

    desirable = sum(e.desirable for e in examples)
    summary = LogLine(
        f"data: {len(examples)} of {len(records)} examples used ({desirable} desirable, "
        f"{len(examples) - desirable} undesirable), {len(records) - len(examples)} without an answer left after "
        f"truncation dropped; {choice.reason}; log-probs on the answers' assistant tokens",
        {"records": len(records), "examples": len(examples), "desirable": desirable},
    )
    return TrainingData(
        train=train,
        eval=held,
        to_batch=to_batch,
        token_count=lambda example: len(example.tokens.input_ids),
        records=len(records),
        unit="examples",
        layout="examples padded per micro-batch, with mismatched prompt/answer rows for the KL reference point",
        chat_template=choice.template,
        summary=[summary],
        eval_description=f"{len(held)} examples",
        added_tokens=choice.added_tokens,
        end_of_turn=choice.end_of_turn,
    )
