"""How the engine talks to whoever runs it (a Celery task, a CLI, a notebook).

The engine knows nothing about HTTP, Celery or the database: it reports through this protocol and asks it
whether to stop. Implementations must be cheap to call once per optimizer step.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Protocol


@dataclass(frozen=True)
class StepMetrics:
    step: int
    total_steps: int
    epoch: float
    loss: float
    learning_rate: float
    grad_norm: float
    tokens_per_second: float
    eval_loss: float | None = None  # set on the steps where the held-out eval loss was measured
    # The stage's own metrics: rewards/chosen, rewards/rejected, rewards/accuracy, rewards/margin (and kl for kto)
    # for preference stages, with `eval_`-prefixed twins on eval steps; empty for sft and cpt.
    extra: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class CheckpointInfo:
    step: int
    path: str
    metrics: dict[str, float] = field(default_factory=dict)


class StopRequested(Exception):
    """Raised inside the engine when the reporter asks it to stop; carries the reason (`cancelled`, `paused`, ...)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


class Reporter(Protocol):
    def log(self, message: str, level: str = "info", **data: Any) -> None: ...

    def metrics(self, metrics: StepMetrics) -> None: ...

    def checkpoint(self, info: CheckpointInfo) -> None: ...

    def should_stop(self) -> str | None:
        """Return a reason to stop (e.g. "cancelled") or None to go on. Called once per optimizer step."""
        ...


class PrintReporter:
    """A reporter for the CLI and notebooks: prints everything, never asks to stop."""

    def log(self, message: str, level: str = "info", **data: Any) -> None:
        print(f"[{level}] {message}", data or "")

    def metrics(self, metrics: StepMetrics) -> None:
        print(
            f"step {metrics.step}/{metrics.total_steps} epoch {metrics.epoch:.2f} loss {metrics.loss:.4f} "
            f"lr {metrics.learning_rate:.2e} grad_norm {metrics.grad_norm:.3f} tok/s {metrics.tokens_per_second:.0f}"
            + "".join(f" {name} {value:.4f}" for name, value in metrics.extra.items())
        )

    def checkpoint(self, info: CheckpointInfo) -> None:
        print(f"checkpoint step {info.step} -> {info.path}")

    def should_stop(self) -> str | None:
        return None


class SilentReporter:
    """For the processes other than rank 0 of a multi-process run: rank 0 speaks (and decides when to stop) for all."""

    def log(self, message: str, level: str = "info", **data: Any) -> None:
        pass

    def metrics(self, metrics: StepMetrics) -> None:
        pass

    def checkpoint(self, info: CheckpointInfo) -> None:
        pass

    def should_stop(self) -> str | None:
        return None
