"""What one optimizer step and one evaluation compute, and when a run has diverged or should stop early.

Losses are sums (over trained tokens, or over pairs/examples for preference stages, see objectives.py) divided by
the weight of the whole step (or eval set), so gradient accumulation, packing and padding all give the same number
as one big unpadded batch would.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from dataclasses import dataclass

import torch
from torch.distributed.fsdp import FSDPModule
from torch.nn.parallel import DistributedDataParallel

from worker.engine.distributed import SINGLE, Distributed
from worker.engine.errors import TrainingDiverged
from worker.engine.objectives import Batch, MetricSums, Objective, TokenLoss
from worker.engine.precision import MixedPrecision


@dataclass(frozen=True)
class StepLoss:
    loss: float  # mean over the step's weight (trained tokens, pairs or examples)
    metrics: dict[str, float]  # the objective's metrics (rewards/..., kl), means over what each counts


def _means(sums: dict[str, list[float]]) -> dict[str, float]:
    means = {name: total / count for name, (total, count) in sums.items() if count}
    if "rewards/chosen" in means and "rewards/rejected" in means:
        means["rewards/margin"] = means["rewards/chosen"] - means["rewards/rejected"]
    return means


def _add(into: dict[str, list[float]], metrics: MetricSums) -> None:
    for name, (total, count) in metrics.items():
        pair = into.setdefault(name, [0.0, 0.0])
        pair[0] += total
        pair[1] += count


def _gradient_sync(model: torch.nn.Module, sync: bool) -> AbstractContextManager[None]:
    # DDP all-reduces (FSDP reduce-scatters) gradients on every backward unless told not to: once per step, after
    # the last micro-batch.
    if isinstance(model, FSDPModule):
        model.set_requires_gradient_sync(sync)
    elif isinstance(model, DistributedDataParallel) and not sync:
        return model.no_sync()
    return nullcontext()


def forward_backward(
    model: torch.nn.Module,
    batches: Sequence[Batch],
    precision: MixedPrecision,
    objective: Objective | None = None,
    distributed: Distributed = SINGLE,
) -> StepLoss:
    """Forward + backward over the micro-batches of one step; the loss is the mean over the whole step's weight.

    Under data parallelism `batches` are this process's share of the step: the weight is that of all shares, and
    DDP's average of the processes' gradients is scaled back to their sum, so the update is one process's.
    """
    objective = objective or TokenLoss()
    weight = distributed.sum([sum(objective.weight(batch) for batch in batches)], precision.device)[0]
    divisor = weight / distributed.world_size
    total = 0.0
    sums: dict[str, list[float]] = {}
    for index, batch in enumerate(batches):
        with _gradient_sync(model, sync=index == len(batches) - 1):
            loss, metrics = objective.loss_sum(model, batch, precision)
            scaled = loss / divisor
            if precision.scaler is not None:
                scaled = precision.scaler.scale(scaled)
            scaled.backward()  # type: ignore[no-untyped-call]
        total += loss.item()
        _add(sums, metrics)
    if distributed.active:
        names = sorted(sums)
        reduced = distributed.sum([total, *(part for name in names for part in sums[name])], precision.device)
        total = reduced[0]
        sums = {name: reduced[1 + 2 * i : 3 + 2 * i] for i, name in enumerate(names)}
    return StepLoss(total / weight, _means(sums))


def _total(norm: torch.Tensor) -> float:
    # Sharded (FSDP) gradients give the global norm as a replicated DTensor.
    full = getattr(norm, "full_tensor", None)
    return float(full() if callable(full) else norm)


def clip_and_step(
    params: list[torch.nn.Parameter], optimizer: torch.optim.Optimizer, precision: MixedPrecision, max_norm: float
) -> tuple[float, bool]:
    """Clip the gradients, update; returns (grad norm before clipping, whether the update was applied).

    Under fp16 an overflowed step (infinite norm) is skipped by the loss scaler, which then lowers its scale.
    """
    scaler = precision.scaler
    if scaler is None:
        grad_norm = _total(torch.nn.utils.clip_grad_norm_(params, max_norm))
        if math.isfinite(grad_norm):
            optimizer.step()
        return grad_norm, math.isfinite(grad_norm)
    scaler.unscale_(optimizer)
    grad_norm = _total(torch.nn.utils.clip_grad_norm_(params, max_norm))
    scale_before = scaler.get_scale()
    scaler.step(optimizer)
    scaler.update()
    return grad_norm, scaler.get_scale() >= scale_before


@torch.no_grad()
def evaluate(
    model: torch.nn.Module, batches: Sequence[Batch], precision: MixedPrecision, objective: Objective | None = None
) -> StepLoss:
    """Mean loss (and metrics) over the eval batches, in eval mode (no dropout) and without gradients."""
    objective = objective or TokenLoss()
    was_training = model.training
    model.eval()
    try:
        total, sums = 0.0, dict[str, list[float]]()
        for batch in batches:
            loss, metrics = objective.loss_sum(model, batch, precision)
            total += loss.item()
            _add(sums, metrics)
        return StepLoss(total / sum(objective.weight(batch) for batch in batches), _means(sums))
    finally:
        model.train(was_training)


def evaluate_loss(model: torch.nn.Module, batches: Sequence[Batch], precision: MixedPrecision) -> float:
    """Mean next-token loss per trained token over the batches (sft/cpt)."""
    return evaluate(model, batches, precision).loss


def check_finite(step: int, loss: float, grad_norm: float, vocab_size: int, *, scaled: bool) -> None:
    if not math.isfinite(loss):
        raise TrainingDiverged(step, loss, "the loss is not a finite number")
    if not math.isfinite(grad_norm) and not scaled:
        # With fp16 loss scaling an overflow only skips the step; without it the weights would be ruined.
        raise TrainingDiverged(step, loss, f"the gradient norm is {grad_norm}")
    # Uniform guessing scores ln(vocab); four times that means the weights have blown up, not that it is learning.
    if loss > 4 * math.log(vocab_size):
        raise TrainingDiverged(step, loss, f"the loss exploded past 4 x ln(vocab) = {4 * math.log(vocab_size):.1f}")


@dataclass
class EvalTracker:
    """Eval losses seen so far and the early-stopping count; checkpointed so resume continues the count."""

    patience: int | None
    latest: float | None = None
    best: float | None = None
    best_step: int | None = None
    without_improvement: int = 0

    def record(self, step: int, loss: float) -> None:
        self.latest = loss
        if self.best is None or loss < self.best:
            self.best, self.best_step, self.without_improvement = loss, step, 0
        else:
            self.without_improvement += 1

    @property
    def should_stop(self) -> bool:
        return self.patience is not None and self.without_improvement >= self.patience

    def stop_message(self) -> str:
        return (
            f"early stopping: no better eval loss in {self.without_improvement} evaluations, "
            f"best {self.best:.4f} at step {self.best_step}"
        )
