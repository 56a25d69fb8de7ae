"""Training a run in several data-parallel processes: the engine's CLI under torchrun, supervised from the task.

The channel between the task and the processes is two files in the run's `launch/` folder: rank 0 appends its
reports to `events.jsonl` (one JSON line each, see worker/engine/event_log.py), which the task tails and replays
into the run's reporter; the task writes a stop reason into `stop` when the run should stop, which rank 0 reads
once per step and broadcasts, so all processes stop after the same step. The last events line says how it ended.
"""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path
from typing import TextIO

from specs.training import ResolvedTrainingSpec
from worker.engine.errors import EngineError
from worker.engine.event_log import RunEnd, replay
from worker.engine.launch import torchrun_command
from worker.engine.recipes.train import FINAL
from worker.engine.reporter import Reporter, StopRequested

ROOT = Path(__file__).resolve().parents[2]
POLL_SECONDS = 0.5


def train_with_torchrun(
    spec: ResolvedTrainingSpec,
    output_dir: Path,
    reporter: Reporter,
    processes: int,
    extra_env: dict[str, str] | None = None,
) -> Path:
    """Train like run_training, in `processes` processes (with `extra_env`, e.g. CUDA_VISIBLE_DEVICES); returns the
    final folder.

    Raises StopRequested or EngineError as run_training would, and RuntimeError (with the processes' last output)
    when they exit without saying how the run ended (a crash).
    """
    launch = output_dir / "launch"
    launch.mkdir(parents=True, exist_ok=True)
    spec_file, events, stop_file, output = (
        launch / name for name in ("spec.json", "events.jsonl", "stop", "output.log")
    )
    spec_file.write_text(spec.model_dump_json(), encoding="utf-8")
    # Leftovers of an earlier attempt would replay old events or stop the new one at once.
    events.unlink(missing_ok=True)
    stop_file.unlink(missing_ok=True)
    events.touch()
    command = torchrun_command(spec_file, output_dir, processes, events=events, stop_file=stop_file)
    env = {
        **os.environ,
        **(extra_env or {}),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    end: RunEnd | None = None
    with output.open("wb") as log, events.open(encoding="utf-8") as source:
        tail = _EventTail(source, reporter)
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
        stop_sent = False
        while True:
            exited = process.poll() is not None  # read before relaying, so nothing written before exit is missed
            end = tail.relay() or end
            if exited:
                break
            if not stop_sent:
                reason = reporter.should_stop()
                if reason:
                    stop_file.write_text(reason, encoding="utf-8")
                    stop_sent = True
            time.sleep(POLL_SECONDS)
    if end is None:
        last_output = output.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"torchrun ({processes} processes) exited {process.returncode}:\n{last_output}")
    if end.outcome == "stopped":
        raise StopRequested(end.reason or "stopped")
    if end.outcome == "error":
        raise EngineError(end.reason or "the engine failed")
    return output_dir / FINAL


class _EventTail:
    """The events file's complete lines as they appear; a line still being written waits for its newline."""

    def __init__(self, source: TextIO, reporter: Reporter) -> None:
        self.source = source
        self.reporter = reporter
        self.pending = ""

    def relay(self) -> RunEnd | None:
        *complete, self.pending = (self.pending + self.source.read()).split("\n")
        end = None
        for line in complete:
            end = replay(line, self.reporter) or end
        return end
