"""Errors the engine raises for its callers to record on the run, each with a sentence saying what went wrong."""

from __future__ import annotations


class EngineError(Exception):
    """Base class of the engine's own failures (as opposed to bugs)."""


class DataError(EngineError):
    """A training record cannot be used as given; names the record and the reason.

    `record` is the 0-based index (line - 1 of the JSONL); the message says `record #N (index i)` with N = i + 1,
    the number the UI shows, as every dataset message does."""

    def __init__(self, reason: str, *, record: int | None = None, source: str | None = None) -> None:
        where = []
        if source is not None:
            where.append(source)
        if record is not None:
            where.append(f"record #{record + 1} (index {record})")
        prefix = ", ".join(where)
        super().__init__(f"{prefix}: {reason}" if prefix else reason)
        self.reason = reason
        self.record = record
        self.source = source


class TrainingDiverged(EngineError):
    """The loss (or gradient norm) became NaN/inf or exploded: the run failed and must never count as a success."""

    def __init__(self, step: int, loss: float, detail: str) -> None:
        super().__init__(
            f"training diverged at step {step} (loss {loss}): {detail}. "
            "Lower the learning rate, raise warm-up, or check the data for corrupt records."
        )
        self.step = step
        self.loss = loss
