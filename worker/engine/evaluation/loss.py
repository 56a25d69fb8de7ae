"""Eval loss and perplexity of a model on a conversation or text dataset, built the way training builds it.

Conversations are rendered with the model's own chat template (a checkpoint carries its training template) and
scored on assistant tokens; text is cut into rows of max_seq_length tokens (bos + text + eos, no packing) and scored
on every token. The loss is the mean over scored tokens (steps.evaluate_loss), perplexity its exponential.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import torch
from transformers import PreTrainedTokenizerBase

from worker.engine.data.batching import Segment, collate
from worker.engine.data.cpt_dataset import build_rows, chunk_documents, tokenize_documents
from worker.engine.data.sft_dataset import build_sft_dataset
from worker.engine.data.templates import resolve_chat_template
from worker.engine.loading import pad_token_id
from worker.engine.objectives import Batch, trained_tokens
from worker.engine.precision import MixedPrecision
from worker.engine.steps import evaluate_loss


@dataclass(frozen=True)
class LossResult:
    loss: float
    perplexity: float
    tokens: int  # scored tokens
    records: int


def _segments(
    path: Path,
    kind: Literal["messages", "text"],
    tokenizer: PreTrainedTokenizerBase,
    max_seq_length: int,
    system_prompt: str | None,
) -> tuple[list[Segment], int]:
    if kind == "messages":
        template, _ = resolve_chat_template(tokenizer)
        dataset = build_sft_dataset(
            path,
            tokenizer,
            chat_template=template,
            default_system_prompt=system_prompt,
            loss_on="assistant",
            max_seq_length=max_seq_length,
        )
        return list(dataset.examples), dataset.records
    corpus = tokenize_documents(path, tokenizer)
    rows = build_rows(chunk_documents(corpus.documents, max_seq_length), max_seq_length, packing=False)
    return [row[0] for row in rows], corpus.records


def dataset_loss(
    model: torch.nn.Module,
    tokenizer: PreTrainedTokenizerBase,
    path: Path,
    kind: Literal["messages", "text"],
    precision: MixedPrecision,
    *,
    max_seq_length: int = 1024,
    batch_size: int = 8,
    system_prompt: str | None = None,
) -> LossResult:
    segments, records = _segments(path, kind, tokenizer, max_seq_length, system_prompt)
    pad = pad_token_id(tokenizer)
    batches: list[Batch] = [collate(segments[i : i + batch_size], pad) for i in range(0, len(segments), batch_size)]
    loss = evaluate_loss(model, batches, precision)
    return LossResult(loss, math.exp(min(loss, 700.0)), sum(trained_tokens(b) for b in batches), records)
