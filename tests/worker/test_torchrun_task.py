"""The task side of a multi-process run, on its own: how an engine error and a crash of the processes come back."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.worker.support import RecordingReporter
from worker.engine.demo_models import TINY_CHAT, demo_spec
from worker.engine.errors import EngineError
from worker.tasks.torchrun import train_with_torchrun


def test_an_engine_error_in_the_processes_is_raised_as_one_in_the_task(
    tiny_family: dict[str, Path], tmp_path: Path
) -> None:
    spec = demo_spec(tiny_family[TINY_CHAT].parent, gradient_accumulation_steps=3, max_steps=2)
    reporter = RecordingReporter()
    with pytest.raises(EngineError, match=r"gradient_accumulation_steps \(3\) must be a multiple of the 2 processes"):
        train_with_torchrun(spec, tmp_path / "run", reporter, processes=2)
    assert reporter.steps == []


def test_processes_that_crash_without_an_ending_raise_with_their_output(
    tiny_family: dict[str, Path], tmp_path: Path
) -> None:
    spec = demo_spec(tiny_family[TINY_CHAT].parent, gradient_accumulation_steps=2, max_steps=2)
    # No model where the spec says: loading raises an OSError, which is no engine error, so no end line is written.
    broken = spec.model_copy(update={"model": spec.model.model_copy(update={"path": str(tmp_path / "no-model")})})
    with pytest.raises(RuntimeError, match=r"torchrun \(2 processes\) exited 1:(.|\n)*no-model"):
        train_with_torchrun(broken, tmp_path / "run", RecordingReporter(), processes=2)
    assert (tmp_path / "run" / "launch" / "output.log").is_file()
