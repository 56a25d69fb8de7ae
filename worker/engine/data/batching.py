"""Shuffled micro-batches with a resumable position, and turning them into tensors: padded or packed.

A segment is anything with `input_ids` and `labels` of equal length (a tokenised conversation, a chunk of a
document). Padded batches put one segment per row; packed batches put several segments into a row and keep them
apart through `position_ids` (see `pack_rows`).
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any, Protocol

import numpy as np
import numpy.typing as npt
import torch

from worker.engine.data.chat import IGNORE_INDEX

TokenIds = Sequence[int] | npt.NDArray[np.integer[Any]]


class Segment(Protocol):
    """One tokenised piece of training text; `labels` holds IGNORE_INDEX where no loss is taken."""

    @property
    def input_ids(self) -> TokenIds: ...

    @property
    def labels(self) -> TokenIds: ...


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


def collate(examples: Sequence[Segment], pad_token_id: int, pad_to: int | None = None) -> dict[str, torch.Tensor]:
    """Right-pad to the longest example (or to pad_to); padding gets attention 0 and label IGNORE_INDEX."""
    width = max(len(example.input_ids) for example in examples)
    if pad_to is not None:
        width = max(width, pad_to)
    input_ids = torch.full((len(examples), width), pad_token_id, dtype=torch.long)
    labels = torch.full((len(examples), width), IGNORE_INDEX, dtype=torch.long)
    attention_mask = torch.zeros((len(examples), width), dtype=torch.long)
    for row, example in enumerate(examples):
        length = len(example.input_ids)
        input_ids[row, :length] = torch.as_tensor(example.input_ids, dtype=torch.long)
        labels[row, :length] = torch.as_tensor(example.labels, dtype=torch.long)
        attention_mask[row, :length] = 1
    return {"input_ids": input_ids, "labels": labels, "attention_mask": attention_mask}


def pack(
    examples: Sequence[Segment], pad_token_id: int, row_tokens: int, pad_to: int | None = None
) -> dict[str, torch.Tensor]:
    """Padding-free packing of one micro-batch: examples concatenated, in order, into rows of at most row_tokens."""
    rows: list[list[Segment]] = []
    used = row_tokens  # forces a new row for the first example
    for example in examples:
        length = len(example.input_ids)
        if length > row_tokens:
            raise ValueError(f"an example of {length} tokens does not fit a packed row of {row_tokens}")
        if used + length > row_tokens:
            rows.append([])
            used = 0
        rows[-1].append(example)
        used += length
    return pack_rows(rows, pad_token_id, pad_to)


def pack_rows(
    rows: Sequence[Sequence[Segment]], pad_token_id: int, pad_to: int | None = None
) -> dict[str, torch.Tensor]:
    """Rows of segments (already grouped) as one padding-free packed batch.

    `position_ids` restart at 0 at every segment. With no attention_mask, transformers reads each restart as a
    sequence boundary (masking_utils.find_packed_sequence_indices) and builds a block-diagonal causal mask for
    sdpa/eager (flash-attention derives cu_seqlens from the same position_ids), so no token attends across
    segments and RoPE sees the same positions as unpacked. The first token of each segment gets no label: the
    last token of the previous segment must not learn to predict it. Rows shorter than the longest (or pad_to)
    are filled with one padding segment that starts its own positions at 0 and has no labels, so it neither
    sees nor is seen by the segments.
    """
    width = max(sum(len(segment.input_ids) for segment in row) for row in rows)
    if pad_to is not None:
        width = max(width, pad_to)
    input_ids = torch.full((len(rows), width), pad_token_id, dtype=torch.long)
    labels = torch.full((len(rows), width), IGNORE_INDEX, dtype=torch.long)
    position_ids = torch.zeros((len(rows), width), dtype=torch.long)
    for r, row in enumerate(rows):
        start = 0
        for segment in row:
            end = start + len(segment.input_ids)
            input_ids[r, start:end] = torch.as_tensor(segment.input_ids, dtype=torch.long)
            labels[r, start + 1 : end] = torch.as_tensor(segment.labels[1:], dtype=torch.long)
            position_ids[r, start:end] = torch.arange(end - start)
            start = end
        position_ids[r, start:] = torch.arange(width - start)
    return {"input_ids": input_ids, "labels": labels, "position_ids": position_ids}


class _OpenSpaces:
    """The free space left in open rows, as a set of values 1..capacity answering "smallest one >= n" in O(log)."""

    def __init__(self, capacity: int) -> None:
        self.leaves = 1 << capacity.bit_length()  # a leaf per value 0..capacity
        self.count = [0] * (2 * self.leaves)

    def add(self, value: int, delta: int = 1) -> None:
        node = value + self.leaves
        while node:
            self.count[node] += delta
            node //= 2

    def smallest_at_least(self, value: int) -> int | None:
        node = value + self.leaves
        if self.count[node]:
            return value
        # Climb until a right sibling holds something, then descend to its leftmost non-empty leaf.
        while node > 1:
            if node % 2 == 0 and self.count[node + 1]:
                node += 1
                while node < self.leaves:
                    node = 2 * node if self.count[2 * node] else 2 * node + 1
                return node - self.leaves
            node //= 2
        return None


def best_fit_rows(lengths: Sequence[int], capacity: int) -> list[list[int]]:
    """Group segment indices into rows of at most `capacity` tokens (best-fit decreasing).

    Longest first, each segment goes into the open row it fills most tightly, or starts a new row. Deterministic
    (ties keep index order), and within about a per cent of the fewest possible rows on real length mixes.
    """
    spaces = _OpenSpaces(capacity)
    rows_with_space: list[list[int]] = [[] for _ in range(capacity + 1)]  # free space → open rows
    rows: list[list[int]] = []
    for index in sorted(range(len(lengths)), key=lambda i: (-lengths[i], i)):
        length = lengths[index]
        if not 0 < length <= capacity:
            raise ValueError(f"a segment of {length} tokens does not fit a packed row of {capacity}")
        space = spaces.smallest_at_least(length)
        if space is None:
            row, left = len(rows), capacity - length
            rows.append([index])
        else:
            row, left = rows_with_space[space].pop(), space - length
            spaces.add(space, -1)
            rows[row].append(index)
        if left:
            rows_with_space[left].append(row)
            spaces.add(left)
    return rows
