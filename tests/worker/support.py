"""Helpers shared by the engine tests."""

from __future__ import annotations

from typing import Any

from worker.engine.reporter import CheckpointInfo, StepMetrics


class RecordingReporter:
    """A real Reporter that keeps everything it is told and asks to stop once `stop_after` steps are done."""

    def __init__(self, stop_after: int | None = None, reason: str = "cancelled") -> None:
        self.stop_after = stop_after
        self.reason = reason
        self.logs: list[str] = []
        self.steps: list[StepMetrics] = []
        self.checkpoints: list[CheckpointInfo] = []

    def log(self, message: str, level: str = "info", **data: Any) -> None:
        self.logs.append(message)

    def metrics(self, metrics: StepMetrics) -> None:
        self.steps.append(metrics)

    def checkpoint(self, info: CheckpointInfo) -> None:
        self.checkpoints.append(info)

    def should_stop(self) -> str | None:
        if self.stop_after is not None and len(self.steps) >= self.stop_after:
            return self.reason
        return None
