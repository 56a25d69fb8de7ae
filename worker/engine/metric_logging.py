"""Reporters that fan metrics out to experiment trackers, composable with any other Reporter.

Every run writes TensorBoard event files next to its checkpoints (`<output>/tensorboard`), so
`tensorboard --logdir <artifacts>/runs` shows all runs without any service configured.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from worker.engine.reporter import CheckpointInfo, Reporter, StepMetrics


def scalars(metrics: StepMetrics) -> dict[str, float]:
    """A step's numbers under the names every tracker shows them by: `train/...` and `eval/...`."""
    named = {
        f"train/{name}": float(getattr(metrics, name))
        for name in ("loss", "learning_rate", "grad_norm", "tokens_per_second", "epoch")
    }
    if metrics.eval_loss is not None:
        named["eval/loss"] = metrics.eval_loss
    for name, value in metrics.extra.items():
        named[f"eval/{name.removeprefix('eval_')}" if name.startswith("eval_") else f"train/{name}"] = value
    return named


class TensorBoardReporter:
    """Writes scalars only; never asks to stop."""

    def __init__(self, log_dir: Path) -> None:
        from torch.utils.tensorboard import SummaryWriter  # tensorboard is optional for the engine itself

        self.writer = SummaryWriter(log_dir=str(log_dir))

    def log(self, message: str, level: str = "info", **data: Any) -> None:
        self.writer.add_text(level, message)

    def metrics(self, metrics: StepMetrics) -> None:
        for name, value in scalars(metrics).items():
            self.writer.add_scalar(name, value, metrics.step)
        self.writer.flush()

    def checkpoint(self, info: CheckpointInfo) -> None:
        self.writer.add_text("checkpoint", f"step {info.step}: {info.path}", info.step)

    def should_stop(self) -> str | None:
        return None

    def close(self) -> None:
        self.writer.close()


class TeeReporter:
    """Sends every report to all reporters; the first one decides when to stop."""

    def __init__(self, primary: Reporter, *others: Reporter) -> None:
        self.reporters = (primary, *others)

    def log(self, message: str, level: str = "info", **data: Any) -> None:
        for reporter in self.reporters:
            reporter.log(message, level, **data)

    def metrics(self, metrics: StepMetrics) -> None:
        for reporter in self.reporters:
            reporter.metrics(metrics)

    def checkpoint(self, info: CheckpointInfo) -> None:
        for reporter in self.reporters:
            reporter.checkpoint(info)

    def should_stop(self) -> str | None:
        return self.reporters[0].should_stop()
