"""A reporter that crosses a process boundary: JSON lines in a file one way, a stop file the other.

When the training task launches the engine under torchrun, rank 0 writes every report as one JSON line to the
events file (appended and flushed line by line) and the task, tailing it, replays each line into its own reporter
(`replay`). The task asks the run to stop by writing the reason (`cancelled`, `paused`, ...) into the stop file,
which rank 0 reads once per step and broadcasts to the other processes. The last line says how the run ended
(`RunEnd`): torchrun's own exit status only says whether every process exited 0.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal, TextIO

from worker.engine.reporter import CheckpointInfo, Reporter, StepMetrics


@dataclass(frozen=True)
class RunEnd:
    outcome: Literal["finished", "stopped", "error"]
    reason: str | None = None  # the stop reason, or the engine error's message


class EventFileReporter:
    def __init__(self, events: Path, stop_file: Path | None = None) -> None:
        self.stop_file = stop_file
        self._events: TextIO = events.open("a", encoding="utf-8")

    def _write(self, event: dict[str, Any]) -> None:
        # default=str: log data may hold paths or numpy scalars; the reader wants them readable, not exact.
        self._events.write(json.dumps(event, default=str) + "\n")
        self._events.flush()

    def log(self, message: str, level: str = "info", **data: Any) -> None:
        self._write({"type": "log", "message": message, "level": level, "data": data})

    def metrics(self, metrics: StepMetrics) -> None:
        self._write({"type": "metrics", **asdict(metrics)})

    def checkpoint(self, info: CheckpointInfo) -> None:
        self._write({"type": "checkpoint", **asdict(info)})

    def should_stop(self) -> str | None:
        if self.stop_file is None or not self.stop_file.is_file():
            return None
        return self.stop_file.read_text(encoding="utf-8").strip() or "stopped"

    def end(self, end: RunEnd) -> None:
        self._write({"type": "end", **asdict(end)})

    def close(self) -> None:
        self._events.close()


def replay(line: str, reporter: Reporter) -> RunEnd | None:
    """Pass one events-file line on to `reporter`, as if the engine had called it here; the end line is returned."""
    event = json.loads(line)
    kind = event.pop("type")
    if kind == "end":
        return RunEnd(**event)
    if kind == "log":
        reporter.log(event["message"], event["level"], **event["data"])
    elif kind == "metrics":
        reporter.metrics(StepMetrics(**event))
    elif kind == "checkpoint":
        reporter.checkpoint(CheckpointInfo(**event))
    else:
        raise ValueError(f"unknown event type {kind!r} in the events file")
    return None
