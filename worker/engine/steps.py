"""What one optimizer step and one evaluation compute, and when a run has diverged or should stop early.

Losses are sums over trained tokens divided by the count of trained tokens of the whole step (or eval set), so
gradient accumulation, packing and padding all give the same number as one big unpadded batch would.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import torch

from worker.engine.data.chat import IGNORE_INDEX
from worker.engine.errors import TrainingDiverged
from worker.engine.precision import MixedPrecision

Batch = dict[str, torch.Tensor]  # input_ids, labels and either attention_mask (padded) or position_ids (packed)


def trained_tokens(batch: Batch) -> int:
    # Position t predicts token t+1, so the first label of a row never counts (packing masks each example's).
    return int((batch["labels"][:, 1:] != IGNORE_INDEX).sum())


def loss_sum(model: torch.nn.Module, batch: Batch, precision: MixedPrecision) -> torch.Tensor:
    """Summed next-token cross-entropy over the batch's trained tokens (fp32)."""
    batch = {key: value.to(precision.device) for key, value in batch.items()}
    inputs = {key: value for key, value in batch.items() if key != "labels"}
    with precision.autocast():
        logits = model(**inputs, use_cache=False).logits
    return torch.nn.functional.cross_entropy(
        logits[:, :-1].flatten(0, 1).float(),
        batch["labels"][:, 1:].flatten(),
        ignore_index=IGNORE_INDEX,
        reduction="sum",
    )


def forward_backward(model: torch.nn.Module, batches: Sequence[Batch], precision: MixedPrecision) -> float:
    """Forward + backward over the micro-batches of one step; returns the mean loss per trained token."""
    trained = sum(trained_tokens(batch) for batch in batches)
    total = 0.0
    for batch in batches:
        loss = loss_sum(model, batch, precision)
        scaled = loss / trained
        if precision.scaler is not None:
            scaled = precision.scaler.scale(scaled)
        scaled.backward()  # type: ignore[no-untyped-call]
        total += loss.item()
    return total / trained


def clip_and_step(
    params: list[torch.nn.Parameter], optimizer: torch.optim.Optimizer, precision: MixedPrecision, max_norm: float
) -> tuple[float, bool]:
    """Clip the gradients, update; returns (grad norm before clipping, whether the update was applied).

    Under fp16 an overflowed step (infinite norm) is skipped by the loss scaler, which then lowers its scale.
    """
    scaler = precision.scaler
    if scaler is None:
        grad_norm = float(torch.nn.utils.clip_grad_norm_(params, max_norm))
        if math.isfinite(grad_norm):
            optimizer.step()
        return grad_norm, math.isfinite(grad_norm)
    scaler.unscale_(optimizer)
    grad_norm = float(torch.nn.utils.clip_grad_norm_(params, max_norm))
    scale_before = scaler.get_scale()
    scaler.step(optimizer)
    scaler.update()
    return grad_norm, scaler.get_scale() >= scale_before


@torch.no_grad()
def evaluate_loss(model: torch.nn.Module, batches: Sequence[Batch], precision: MixedPrecision) -> float:
    """Mean loss per trained token over the eval batches, in eval mode (no dropout) and without gradients."""
    was_training = model.training
    model.eval()
    try:
        total = sum(loss_sum(model, batch, precision).item() for batch in batches)
        return total / sum(trained_tokens(batch) for batch in batches)
    finally:
        model.train(was_training)


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
