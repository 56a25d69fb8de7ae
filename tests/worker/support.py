"""Helpers shared by the engine tests."""

from __future__ import annotations

import struct
from collections.abc import Iterator
from pathlib import Path
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


BLOCK, HEADER = 32768, 7  # the .wandb file is a LevelDB-style log of protobuf records


def wandb_records(path: Path) -> Iterator[Any]:
    """The records of an offline W&B run file (`run-<id>.wandb`), as the W&B service wrote them."""
    from wandb.proto import wandb_internal_pb2

    data = path.read_bytes()
    assert data[:4] == b":W&B"
    position, pending = HEADER, b""
    while position + HEADER <= len(data):
        if BLOCK - position % BLOCK < HEADER:  # a block's tail too short for a header is padding
            position += BLOCK - position % BLOCK
            continue
        _checksum, length, kind = struct.unpack("<IHB", data[position : position + HEADER])
        if kind == 0 or position + HEADER + length > len(data):
            break  # the end, or a record still being written
        pending += data[position + HEADER : position + HEADER + length]
        position += HEADER + length
        if kind in (1, 4):  # a full record, or the last chunk of one
            record = wandb_internal_pb2.Record()
            record.ParseFromString(pending)
            pending = b""
            yield record


def finished_wandb_runs(folder: Path, count: int) -> list[list[Any]]:
    """The records of each offline W&B run under `folder`, oldest first, once `count` of them have been closed (the
    W&B service writes the file in the background and may still be flushing it when `finish()` returns)."""
    from tests.support import wait_for

    def closed() -> list[list[Any]] | None:
        runs = [list(wandb_records(path)) for path in sorted(folder.glob("wandb/offline-run-*/run-*.wandb"))]
        finished = [run for run in runs if any(r.WhichOneof("record_type") == "exit" for r in run)]
        return finished if len(finished) == count == len(runs) else None

    return wait_for(closed, timeout=30, what=f"{count} closed W&B runs under {folder}")
