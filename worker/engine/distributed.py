"""Data-parallel training across the processes `torchrun` starts: which process this is, and what they share.

Under `torchrun --nproc_per_node k`, every process runs the same loop on a copy of the model wrapped in
DistributedDataParallel. A step draws the same micro-batches in every process (one shuffled order, one
DataPosition) and each process takes its share of them, so the global batch, the data order and resume are those of
the single-process run. Rank 0 alone reports, evaluates and writes checkpoints; what it decides (an eval loss, a
request to stop) is broadcast so every process takes the same path. One process is the same code with `SINGLE`,
whose collectives do nothing.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TypeVar

import torch
import torch.distributed as dist

from worker.engine.errors import EngineError

T = TypeVar("T")


@dataclass(frozen=True)
class Distributed:
    rank: int
    world_size: int
    local_rank: int  # this process's GPU on its machine

    @property
    def is_main(self) -> bool:
        return self.rank == 0

    @property
    def active(self) -> bool:
        return self.world_size > 1

    def check_accumulation(self, gradient_accumulation_steps: int) -> None:
        if gradient_accumulation_steps % self.world_size:
            raise EngineError(
                f"gradient_accumulation_steps ({gradient_accumulation_steps}) must be a multiple of the "
                f"{self.world_size} processes, so each takes whole micro-batches of the same global batch "
                f"(batch_size x gradient_accumulation_steps); set it to {self.world_size} or a multiple"
            )

    def my_share(self, items: Sequence[T]) -> list[T]:
        """Every world_size-th item from this rank's, so the processes split a step's micro-batches disjointly."""
        return list(items[self.rank :: self.world_size])

    def sum(self, values: Sequence[float], device: torch.device) -> list[float]:
        """The element-wise sum of `values` over all processes (float64, so the sums match one process's)."""
        if not self.active:
            return list(values)
        tensor = torch.tensor(list(values), dtype=torch.float64, device=device)
        dist.all_reduce(tensor, op=dist.ReduceOp.SUM)
        return [float(value) for value in tensor.tolist()]

    def from_main(self, value: T) -> T:
        """Rank 0's `value` in every process (any picklable object)."""
        if not self.active:
            return value
        box: list[object] = [value]
        dist.broadcast_object_list(box, src=0)
        return box[0]  # type: ignore[return-value]

    def barrier(self) -> None:
        if self.active:
            dist.barrier()


SINGLE = Distributed(rank=0, world_size=1, local_rank=0)


def join_process_group(cuda: bool) -> Distributed:
    """The process group `torchrun` describes in RANK/WORLD_SIZE/LOCAL_RANK, or SINGLE outside torchrun.

    NCCL between GPUs, gloo between CPU processes. Collectives give up after 30 minutes (a rank stuck that long
    is dead; the others fail instead of hanging forever).
    """
    world_size = int(os.environ.get("WORLD_SIZE", "1"))
    if world_size <= 1:
        return SINGLE
    rank, local_rank = int(os.environ["RANK"]), int(os.environ.get("LOCAL_RANK", "0"))
    if cuda:
        torch.cuda.set_device(local_rank)
    if not dist.is_initialized():
        dist.init_process_group("nccl" if cuda else "gloo", timeout=timedelta(minutes=30))
    return Distributed(rank, world_size, local_rank)


def leave_process_group() -> None:
    if dist.is_initialized():
        dist.destroy_process_group()
