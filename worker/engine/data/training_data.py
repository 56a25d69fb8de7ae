"""What a training stage hands the shared training loop, and how its eval share is held out.

Each stage (sft, cpt) turns its dataset into training items and says how a micro-batch of items becomes
tensors; the loop (recipes/train.py) shuffles items, batches `batch_size` of them per micro-batch, trains,
evaluates, checkpoints and resumes the same way for every stage.
"""

from __future__ import annotations

import math
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar

import torch

from worker.engine.errors import DataError

Item = TypeVar("Item")
Batch = dict[str, torch.Tensor]


@dataclass(frozen=True)
class LogLine:
    message: str
    data: dict[str, Any] = field(default_factory=dict)
    level: str = "info"


@dataclass(frozen=True)
class TrainingData(Generic[Item]):
    train: Sequence[Item]
    eval: Sequence[Item]
    to_batch: Callable[[Sequence[Item], int | None], Batch]  # one micro-batch's items, pad_to → tensors
    token_count: Callable[[Item], int]  # real (non-padding) tokens of an item, for tokens per second
    records: int  # records in the dataset file, checked against the spec
    unit: str  # what batch_size counts: "examples" (sft) or "rows" (cpt)
    layout: str  # how items become micro-batches, for the log
    chat_template: str | None  # written into every checkpoint's tokenizer; None keeps the tokenizer's own
    summary: list[LogLine]  # the stage's description of its data, logged at the start
    eval_description: str  # what was held out, e.g. "6 examples"
    # Special tokens the stage added to the tokenizer (a base model trained with its family's template): the model's
    # embeddings are resized for them and their rows trained (methods.py). Empty when none were needed.
    added_tokens: list[str] = field(default_factory=list)
    end_of_turn: str | None = None  # the template's end-of-turn token: generation stops on it as well as on eos


def hold_out(items: list[Item], fraction: float, seed: int) -> tuple[list[Item], list[Item]]:
    """(train, eval): a seeded share of the items held out for eval loss (at least one when fraction > 0).

    The choice depends only on (number of items, fraction, seed), so a resumed run holds out the same ones;
    both parts keep the dataset's order.
    """
    if fraction <= 0:
        return items, []
    if len(items) < 2:
        raise DataError(f"eval_fraction={fraction} needs at least 2 usable records, the dataset has {len(items)}")
    count = min(len(items) - 1, max(1, math.floor(fraction * len(items) + 0.5)))
    held = set(random.Random(f"{seed}:eval-split").sample(range(len(items)), count))
    train = [item for index, item in enumerate(items) if index not in held]
    return train, [item for index, item in enumerate(items) if index in held]
