"""Check every record of a training set against a model's chat template before any training starts.

Unlike building the training set, this collects every problem (up to a limit) instead of stopping at the first,
so the user can fix the data in one go.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from transformers import PreTrainedTokenizerBase

from worker.engine.data.chat import tokenize_chat
from worker.engine.data.cpt_dataset import tokenize_documents
from worker.engine.data.preference_dataset import Renderer, tokenize_kto, tokenize_pair
from worker.engine.data.records import read_jsonl
from worker.engine.errors import DataError

MAX_LISTED = 20


@dataclass
class RecordReport:
    records: int = 0
    tokens: int = 0
    trained_tokens: int = 0
    truncated: int = 0
    without_trained_tokens: int = 0
    problem_count: int = 0
    problems: list[tuple[int, str]] = field(default_factory=list)  # (record index, reason)


def check_records(
    path: Path,
    tokenizer: PreTrainedTokenizerBase,
    *,
    chat_template: str,
    default_system_prompt: str | None,
    loss_on: Literal["assistant", "all"],
    max_seq_length: int,
) -> RecordReport:
    report = RecordReport()
    for index, record in read_jsonl(path):
        report.records += 1
        try:
            example = tokenize_chat(
                record,
                tokenizer,
                chat_template=chat_template,
                default_system_prompt=default_system_prompt,
                loss_on=loss_on,
                max_seq_length=max_seq_length,
                index=index,
            )
        except DataError as exc:
            report.problem_count += 1
            if len(report.problems) < MAX_LISTED:
                report.problems.append((index, exc.reason))
            continue
        report.tokens += len(example.input_ids)
        report.trained_tokens += example.trained_tokens
        report.truncated += example.truncated
        report.without_trained_tokens += example.trained_tokens == 0
    return report


def check_preference_records(
    path: Path,
    tokenizer: PreTrainedTokenizerBase,
    *,
    kto: bool,
    chat_template: str,
    default_system_prompt: str | None,
    max_seq_length: int,
) -> RecordReport:
    """Pairs (dpo/orpo/simpo) or labelled examples (kto): prompt + each answer must render with the template.

    A record counts as without trained tokens when an answer it needs was cut off entirely by max_seq_length.
    """
    render = Renderer(tokenizer, chat_template, default_system_prompt, max_seq_length)
    report = RecordReport()
    for index, record in read_jsonl(path):
        report.records += 1
        try:
            if kto:
                example = tokenize_kto(record, render, index).tokens
                sides = [example]
            else:
                pair = tokenize_pair(record, render, index)
                sides = [pair.chosen, pair.rejected]
        except DataError as exc:
            report.problem_count += 1
            if len(report.problems) < MAX_LISTED:
                report.problems.append((index, exc.reason))
            continue
        report.tokens += sum(len(side.input_ids) for side in sides)
        report.trained_tokens += sum(side.trained_tokens for side in sides)
        report.truncated += any(side.truncated for side in sides)
        report.without_trained_tokens += any(side.trained_tokens == 0 for side in sides)
    return report


def check_text_records(path: Path, tokenizer: PreTrainedTokenizerBase) -> RecordReport:
    """Raw text for continued pretraining: every record must hold a string `text`; every token is trained."""
    try:
        corpus = tokenize_documents(path, tokenizer)
    except DataError as exc:
        return RecordReport(problem_count=1, problems=[(exc.record if exc.record is not None else -1, exc.reason)])
    tokens = sum(len(document) for document in corpus.documents)
    return RecordReport(
        records=corpus.records, tokens=tokens, trained_tokens=tokens, without_trained_tokens=corpus.empty
    )
