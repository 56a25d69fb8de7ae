"""Data-parallel training under torchrun, on the CPU with 2 gloo processes: the same losses and weights as one process.

Each launch starts real `python -m torch.distributed.run` processes running the engine's CLI on the tiny model.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import torch
from safetensors.torch import load_file

from specs.training import Method, ResolvedTrainingSpec
from tests.worker.support import RecordingReporter
from worker.engine.checkpointing import complete_checkpoints
from worker.engine.demo_models import TINY_CHAT, demo_spec
from worker.engine.distributed import SINGLE, Distributed
from worker.engine.errors import EngineError
from worker.engine.event_log import EventFileReporter, RunEnd, replay
from worker.engine.launch import torchrun_command
from worker.engine.recipes.train import run_training
from worker.engine.reporter import CheckpointInfo, StepMetrics

pytestmark = pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning")
ROOT = Path(__file__).resolve().parents[3]


def spec_for(
    tiny_family: dict[str, Path], data: Path, method: Method = "lora", **overrides: Any
) -> ResolvedTrainingSpec:
    # Global batch 2 x 4: each of 2 processes takes 2 of the 4 micro-batches of a step.
    settings: dict[str, Any] = {
        "max_steps": 4,
        "save_steps": 100,
        "batch_size": 2,
        "gradient_accumulation_steps": 4,
        "eval_fraction": 0.2,
        "eval_steps": 2,
        **overrides,
    }
    if method == "full":
        settings["learning_rate"] = 1e-3
    return demo_spec(tiny_family[TINY_CHAT].parent, data, method=method, **settings)


def launch(
    spec: ResolvedTrainingSpec, run_dir: Path, stop_reason: str | None = None
) -> tuple[RunEnd | None, RecordingReporter]:
    """Train `spec` in 2 torchrun processes; returns how it ended and rank 0's reports, replayed."""
    spec_file = run_dir.parent / f"{run_dir.name}-spec.json"
    spec_file.write_text(spec.model_dump_json(), encoding="utf-8")
    events, stop_file = run_dir.parent / f"{run_dir.name}-events.jsonl", run_dir.parent / f"{run_dir.name}-stop"
    events.unlink(missing_ok=True)
    stop_file.unlink(missing_ok=True)
    if stop_reason:
        stop_file.write_text(stop_reason, encoding="utf-8")  # there from the start: the run stops after step 1
    command = torchrun_command(spec_file, run_dir, 2, events=events, stop_file=stop_file)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "OMP_NUM_THREADS": "1"}
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    reporter, end = RecordingReporter(), None
    for line in events.read_text(encoding="utf-8").splitlines() if events.exists() else []:
        end = replay(line, reporter)
    if end is None or (done.returncode != 0) != (end.outcome != "finished"):
        pytest.fail(f"torchrun exited {done.returncode} after {end}:\n{done.stderr[-4000:]}")
    return end, reporter


def adapter(run_dir: Path) -> dict[str, torch.Tensor]:
    return load_file(run_dir / "final" / "adapter_model.safetensors")


def assert_same_weights(left: dict[str, torch.Tensor], right: dict[str, torch.Tensor]) -> None:
    assert left.keys() == right.keys()
    for name in left:
        torch.testing.assert_close(left[name], right[name], atol=1e-5, rtol=0, msg=name)


def test_two_processes_train_as_one_and_resume_exactly(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec = spec_for(tiny_family, sample_subset(40))
    single = RecordingReporter()
    run_training(spec, tmp_path / "single", single, cpu_threads=1)

    end, two = launch(spec, tmp_path / "two")
    assert end == RunEnd("finished")
    assert [m.step for m in two.steps] == [1, 2, 3, 4]
    for one, other in zip(single.steps, two.steps, strict=True):
        assert other.loss == pytest.approx(one.loss, abs=1e-5)
        assert other.grad_norm == pytest.approx(one.grad_norm, abs=1e-5)
        assert other.epoch == one.epoch, "the same data position after every step"
    evals = {m.step: m.eval_loss for m in two.steps if m.eval_loss is not None}
    assert evals.keys() == {2, 4}
    for step, loss in evals.items():
        assert loss == pytest.approx(single.steps[step - 1].eval_loss, abs=1e-5)
    assert any("data parallel: 2 processes" in line for line in two.logs)
    assert_same_weights(adapter(tmp_path / "single"), adapter(tmp_path / "two"))
    changed = adapter(tmp_path / "two")
    assert any(bool(tensor.abs().sum() > 0) for name, tensor in changed.items() if "lora_B" in name), "it trained"

    # Paused after step 1 (the stop file is there from the start), then resumed by a second launch.
    end, first = launch(spec, tmp_path / "resumed", stop_reason="paused")
    assert end == RunEnd("stopped", "paused")
    assert [m.step for m in first.steps] == [1] and [c.step for c in first.checkpoints] == [1]
    assert [step for step, _ in complete_checkpoints(tmp_path / "resumed")] == [1]
    end, second = launch(spec, tmp_path / "resumed")
    assert end == RunEnd("finished")
    assert any("resumed from step 1" in line for line in second.logs)
    assert [m.step for m in second.steps] == [2, 3, 4]
    for one, other in zip(single.steps[1:], second.steps, strict=True):
        assert other.loss == pytest.approx(one.loss, abs=1e-5)
    assert_same_weights(adapter(tmp_path / "single"), adapter(tmp_path / "resumed"))


def test_full_fine_tuning_in_two_processes_gives_the_single_process_model(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec = spec_for(tiny_family, sample_subset(24), method="full", max_steps=2, eval_fraction=0.0, eval_steps=0)
    single = RecordingReporter()
    run_training(spec, tmp_path / "single", single, cpu_threads=1)
    end, two = launch(spec, tmp_path / "two")
    assert end == RunEnd("finished")
    assert [m.loss for m in two.steps] == pytest.approx([m.loss for m in single.steps], abs=1e-5)
    before = load_file(tiny_family[TINY_CHAT] / "model.safetensors")
    trained = load_file(tmp_path / "two" / "final" / "model.safetensors")
    assert_same_weights(load_file(tmp_path / "single" / "final" / "model.safetensors"), trained)
    assert any(not torch.equal(before[name], trained[name]) for name in before.keys() & trained.keys()), "it trained"


def test_accumulation_must_split_into_whole_micro_batches(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec = spec_for(tiny_family, sample_subset(20), gradient_accumulation_steps=3)
    with pytest.raises(EngineError, match=r"gradient_accumulation_steps \(3\) must be a multiple of the 2 processes"):
        run_training(spec, tmp_path / "run", RecordingReporter(), distributed=Distributed(0, 2, 0))
    assert not (tmp_path / "run").exists(), "refused before anything was written"


def test_shares_are_disjoint_and_cover_the_step() -> None:
    micro = list(range(6))
    shares = [Distributed(rank, 3, rank).my_share(micro) for rank in range(3)]
    assert shares == [[0, 3], [1, 4], [2, 5]]
    assert SINGLE.my_share(micro) == micro
    assert SINGLE.sum([1.5, 2.0], torch.device("cpu")) == [1.5, 2.0]
    assert SINGLE.from_main("paused") == "paused"


def test_torchrun_command() -> None:
    command = torchrun_command(
        Path("/r/spec.json"), Path("/r/out"), 4, events=Path("/r/events"), stop_file=Path("/r/stop"), python="/py"
    )
    assert command == [
        "/py",
        "-m",
        "torch.distributed.run",
        "--standalone",
        "--nproc_per_node=4",
        "-m",
        "worker.engine",
        "train",
        "/r/spec.json",
        "/r/out",
        "--events",
        "/r/events",
        "--stop-file",
        "/r/stop",
    ]
    assert torchrun_command(Path("s"), Path("o"), 2, events=Path("e"), stop_file=Path("x"))[0] == sys.executable
    with pytest.raises(ValueError, match="2 or more processes"):
        torchrun_command(Path("s"), Path("o"), 1, events=Path("e"), stop_file=Path("x"))


def test_event_file_round_trip(tmp_path: Path) -> None:
    events, stop = tmp_path / "events.jsonl", tmp_path / "stop"
    writer = EventFileReporter(events, stop)
    writer.log("hello", level="warning", step=3, path=tmp_path)
    writer.metrics(StepMetrics(1, 4, 0.25, 1.5, 1e-4, 0.7, 100.0, None, {"rewards/margin": 0.1}))
    writer.checkpoint(CheckpointInfo(1, "/x/checkpoint-1", {"loss": 1.5}))
    writer.end(RunEnd("stopped", "cancelled"))
    assert writer.should_stop() is None
    stop.write_text("cancelled\n", encoding="utf-8")
    assert writer.should_stop() == "cancelled"
    writer.close()

    reader = RecordingReporter()
    lines = events.read_text(encoding="utf-8").splitlines()
    ends = [replay(line, reader) for line in lines]
    assert ends == [None, None, None, RunEnd("stopped", "cancelled")]
    assert reader.logs == ["hello"]
    assert reader.steps == [StepMetrics(1, 4, 0.25, 1.5, 1e-4, 0.7, 100.0, None, {"rewards/margin": 0.1})]
    assert reader.checkpoints == [CheckpointInfo(1, "/x/checkpoint-1", {"loss": 1.5})]
    assert json.loads(lines[0])["data"] == {"step": 3, "path": str(tmp_path)}
    with pytest.raises(ValueError, match="unknown event type"):
        replay('{"type": "nonsense"}', reader)
