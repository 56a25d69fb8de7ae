"""The SFT training set: every record of the JSONL tokenised with the model's template and loss mask."""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from transformers import PreTrainedTokenizerBase

from worker.engine.data.chat import TokenizedChat, tokenize_chat
from worker.engine.data.records import read_jsonl
from worker.engine.errors import DataError


@dataclass(frozen=True)
class SftDataset:
    examples: list[TokenizedChat]
    records: int
    dropped_without_loss: int  # records with no trained token left (e.g. truncated before the answer)
    truncated: int

    @property
    def tokens(self) -> int:
        return sum(len(example.input_ids) for example in self.examples)


def build_sft_dataset(
    path: Path,
    tokenizer: PreTrainedTokenizerBase,
    *,
    chat_template: str,
    default_system_prompt: str | None,
    loss_on: Literal["assistant", "all"],
    max_seq_length: int,
) -> SftDataset:
    """Tokenise every record; a bad record fails the whole run (DataError naming the file and record)."""
    examples: list[TokenizedChat] = []
    dropped = truncated = 0
    records = read_jsonl(path)
    for index, record in records:
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
            raise DataError(exc.reason, record=exc.record, source=str(path)) from exc
        truncated += example.truncated
        # An example without trained tokens adds nothing but a 0/0 to the loss.
        if example.trained_tokens == 0:
            dropped += 1
            continue
        examples.append(example)
    if not examples:
        raise DataError(
            f"no record has a trained token within max_seq_length={max_seq_length} "
            f"(loss_on={loss_on!r}); raise max_seq_length or check that records contain assistant answers",
            source=str(path),
        )
    return SftDataset(examples, len(records), dropped, truncated)


def hold_out(
    examples: list[TokenizedChat], fraction: float, seed: int
) -> tuple[list[TokenizedChat], list[TokenizedChat]]:
    """(train, eval): a seeded share of the examples held out for eval loss (at least one when fraction > 0).

    The choice depends only on (number of examples, fraction, seed), so a resumed run holds out the same ones;
    both parts keep the dataset's order.
    """
    if fraction <= 0:
        return examples, []
    if len(examples) < 2:
        raise DataError(f"eval_fraction={fraction} needs at least 2 usable records, the dataset has {len(examples)}")
    count = min(len(examples) - 1, max(1, math.floor(fraction * len(examples) + 0.5)))
    held = set(random.Random(f"{seed}:eval-split").sample(range(len(examples)), count))
    train = [example for index, example in enumerate(examples) if index not in held]
    return train, [example for index, example in enumerate(examples) if index in held]
