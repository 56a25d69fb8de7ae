"""Shuffled micro-batches with a resumable position, and padding them into tensors."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

import torch

from worker.engine.data.chat import IGNORE_INDEX, TokenizedChat


@dataclass(frozen=True)
class DataPosition:
    """Where the next micro-batch starts: an epoch and an index into that epoch's shuffled order."""

    epoch: int = 0
    index: int = 0


def epoch_order(num_examples: int, seed: int, epoch: int) -> list[int]:
    # Derived from (seed, epoch) alone, so resuming needs only the position, not a saved permutation.
    order = list(range(num_examples))
    random.Random(f"{seed}:{epoch}").shuffle(order)
    return order


class BatchStream:
    """Micro-batches of example indices, epoch after epoch; an epoch's last batch may be short."""

    def __init__(self, num_examples: int, batch_size: int, seed: int, position: DataPosition | None = None) -> None:
        if num_examples < 1 or batch_size < 1:
            raise ValueError("a batch stream needs at least one example and a positive batch size")
        self.num_examples = num_examples
        self.batch_size = batch_size
        self.seed = seed
        self.position = position or DataPosition()
        self._order_epoch = -1
        self._order: list[int] = []

    def _order_for(self, epoch: int) -> list[int]:
        if epoch != self._order_epoch:
            self._order, self._order_epoch = epoch_order(self.num_examples, self.seed, epoch), epoch
        return self._order

    def next_batch(self) -> list[int]:
        epoch, index = self.position.epoch, self.position.index
        batch = self._order_for(epoch)[index : index + self.batch_size]
        index += len(batch)
        self.position = DataPosition(epoch + 1, 0) if index >= self.num_examples else DataPosition(epoch, index)
        return batch

    @property
    def epochs_done(self) -> float:
        return self.position.epoch + self.position.index / self.num_examples


def collate(examples: Sequence[TokenizedChat], pad_token_id: int, pad_to: int | None = None) -> dict[str, torch.Tensor]:
    """Right-pad to the longest example (or to pad_to); padding gets attention 0 and label IGNORE_INDEX."""
    width = max(len(example.input_ids) for example in examples)
    if pad_to is not None:
        width = max(width, pad_to)
    input_ids = torch.full((len(examples), width), pad_token_id, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE_INDEX, dtype=torch.long)
    attention_mask = torch.zeros((len(examples), width), dtype=torch.long)
    for row, example in enumerate(examples):
        length = len(example.input_ids)
        input_ids[row, :length] = torch.tensor(example.input_ids, dtype=torch.long)
        labels[row, :length] = torch.tensor(example.labels, dtype=torch.long)
        attention_mask[row, :length] = 1
    return {"input_ids": input_ids, "labels": labels, "attention_mask": attention_mask}
