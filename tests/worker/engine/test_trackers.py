"""MLflow and W&B trackers: a tiny model's steps land in a local store as trained, a resume appends to the same tracker
run, and a tracker that fails never fails training."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from specs.training import ResolvedTrainingSpec
from tests.worker.support import RecordingReporter, finished_wandb_runs
from worker.engine.demo_models import TINY_CHAT, demo_spec
from worker.engine.metric_logging import TeeReporter
from worker.engine.recipes.train import run_training
from worker.engine.reporter import CheckpointInfo, StepMetrics, StopRequested
from worker.engine.trackers import MlflowRun, MlflowTarget, TrackerReporter, WandbTarget, open_trackers

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning", "ignore::FutureWarning")

RUN_ID = "run_tracked"
DECISIONS = ["chat model: 24 records is little data", "method lora: keeps the chat model's alignment"]


def tracked_spec(tiny_family: dict[str, Path], data: Path) -> ResolvedTrainingSpec:
    spec = demo_spec(tiny_family[TINY_CHAT].parent, data, max_steps=6, save_steps=3, eval_steps=3, eval_fraction=0.25)
    return spec.model_copy(update={"decisions": DECISIONS})


def train_tracked(
    spec: ResolvedTrainingSpec, output_dir: Path, stop_after: int | None = None, **targets: Any
) -> RecordingReporter:
    """What the training task does: trackers beside the primary reporter, finished with the run's outcome."""
    recorder = RecordingReporter(stop_after=stop_after, reason="paused")
    trackers = open_trackers(spec, RUN_ID, output_dir, recorder, **targets)
    status = "succeeded"
    try:
        run_training(spec, output_dir, TeeReporter(recorder, *trackers))
    except StopRequested as stop:
        status = stop.reason
    for tracker in trackers:
        tracker.finish(status)
    return recorder


def warnings_of(recorder: RecordingReporter, name: str) -> list[str]:
    return [line for line in recorder.logs if line.startswith(f"{name} ") and "training goes on" in line]


def test_mlflow_gets_params_decisions_every_step_and_a_resume_appends(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from mlflow import MlflowClient

    monkeypatch.chdir(tmp_path)  # MLflow puts a SQL store's artifacts under the working directory
    target = MlflowTarget(f"sqlite:///{tmp_path / 'mlflow.db'}", experiment="tiny-experiments")
    spec, output = tracked_spec(tiny_family, sample_subset(24)), tmp_path / "run"

    paused = train_tracked(spec, output, stop_after=3, mlflow=target)
    client = MlflowClient(tracking_uri=target.tracking_uri)
    experiment = client.get_experiment_by_name("tiny-experiments")
    assert experiment is not None
    [run] = client.search_runs([experiment.experiment_id])
    assert run.info.run_name == RUN_ID and run.info.status == "SCHEDULED"
    assert run.data.tags["tunewright.status"] == "paused"
    assert any(f"MLflow: this run is tracked at {target.tracking_uri}" in line for line in paused.logs)

    resumed = train_tracked(spec, output, mlflow=target)
    assert any("resumed from step 3" in line for line in resumed.logs)
    [run] = client.search_runs([experiment.experiment_id])
    run_id = run.info.run_id
    assert run.info.status == "FINISHED" and run.data.tags["tunewright.status"] == "succeeded"

    trained = paused.steps + resumed.steps
    history = sorted((m.step, m.value) for m in client.get_metric_history(run_id, "train/loss"))
    assert history == [(m.step, pytest.approx(m.loss)) for m in trained]
    lrs = sorted((m.step, m.value) for m in client.get_metric_history(run_id, "train/learning_rate"))
    assert lrs == [(m.step, pytest.approx(m.learning_rate)) for m in trained]
    evals = sorted((m.step, m.value) for m in client.get_metric_history(run_id, "eval/loss"))
    assert evals == [(m.step, pytest.approx(m.eval_loss)) for m in trained if m.eval_loss is not None]
    assert [step for step, _ in evals] == [3, 6]

    params = run.data.params
    assert params["stage"] == "sft" and params["method"] == "lora"
    assert params["hyperparameters.max_steps"] == "6" and params["model.name"] == spec.model.name
    assert "decisions" not in params
    decisions = Path(client.download_artifacts(run_id, "decisions.txt", str(tmp_path)))
    assert decisions.read_text().splitlines() == DECISIONS
    assert run.data.tags["tunewright.checkpoint"] == f"step 6: {resumed.checkpoints[-1].path}"


def test_an_execution_that_lost_its_lease_leaves_the_mlflow_run_to_its_successor(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    target = MlflowTarget(f"sqlite:///{tmp_path / 'mlflow.db'}")
    spec, output = tracked_spec(tiny_family, sample_subset(24)), tmp_path / "run"
    output.mkdir()
    stale, successor = MlflowRun(target, spec, RUN_ID, output), MlflowRun(target, spec, RUN_ID, output)
    assert stale.run_id == successor.run_id, "the second execution reopens the run recorded in the run's folder"
    stale.finish("lease_lost")
    run = successor.client.get_run(successor.run_id)
    assert run.info.status == "RUNNING" and "tunewright.status" not in run.data.tags
    successor.finish("failed")
    assert successor.client.get_run(successor.run_id).info.status == "FAILED"


def test_the_run_page_link_is_the_mlflow_ui_as_browsers_reach_it(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    store = f"sqlite:///{tmp_path / 'mlflow.db'}"
    spec, output = tracked_spec(tiny_family, sample_subset(24)), tmp_path / "run"
    recorder = RecordingReporter()
    [plain] = open_trackers(spec, RUN_ID, output, recorder, mlflow=MlflowTarget(store))
    assert plain.link is not None and plain.link.url is None, "a SQL store has no web page"
    assert plain.link.name == "MLflow" and plain.link.where.startswith(f"{store} experiment 'tunewright' run ")
    plain.finish("succeeded")

    ui = MlflowTarget(store, ui_url="https://mlflow.example.com/")
    [tracker] = open_trackers(spec, RUN_ID, output, recorder, mlflow=ui)
    assert isinstance(tracker.run, MlflowRun)
    experiment_id = tracker.run.client.get_run(tracker.run.run_id).info.experiment_id
    expected = f"https://mlflow.example.com/#/experiments/{experiment_id}/runs/{tracker.run.run_id}"
    assert tracker.link is not None and tracker.link.url == expected == tracker.link.where
    assert recorder.logs[-1] == f"MLflow: this run is tracked at {expected}"
    tracker.finish("succeeded")
    assert tracker.link is None, "a finished tracker links nowhere new"


def test_wandb_offline_gets_config_notes_every_step_and_a_resume_continues_the_run(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WANDB_DIR", str(tmp_path / "wandb-home"))
    monkeypatch.setenv("WANDB_CACHE_DIR", str(tmp_path / "wandb-cache"))
    monkeypatch.setenv("WANDB_CONFIG_DIR", str(tmp_path / "wandb-config"))
    target = WandbTarget(project="tiny", mode="offline")
    spec, output = tracked_spec(tiny_family, sample_subset(24)), tmp_path / "run"

    paused = train_tracked(spec, output, stop_after=3, wandb=target)
    resumed = train_tracked(spec, output, wandb=target)
    assert any("W&B: this run is tracked at" in line and "(offline)" in line for line in paused.logs)
    [offline] = open_trackers(spec, RUN_ID, tmp_path / "other", RecordingReporter(), wandb=target)
    assert offline.link is not None and offline.link.url is None and offline.link.where.endswith("(offline)")
    offline.finish("succeeded")

    history: list[dict[str, Any]] = []
    # Each execution of the run is one offline segment of the same W&B run.
    for records in finished_wandb_runs(output, count=2):
        [run] = [r.run for r in records if r.WhichOneof("record_type") == "run"]
        assert run.run_id == RUN_ID and run.display_name == RUN_ID and run.project == "tiny"
        assert run.notes.splitlines() == DECISIONS
        config = {item.key: json.loads(item.value_json) for item in run.config.update}
        assert config["hyperparameters"]["max_steps"] == 6 and config["method"] == "lora"
        [exit_record] = [r.exit for r in records if r.WhichOneof("record_type") == "exit"]
        assert exit_record.exit_code == 0
        for record in records:
            if record.WhichOneof("record_type") == "history":
                items = record.history.item
                history.append({item.key or "/".join(item.nested_key): json.loads(item.value_json) for item in items})

    trained = paused.steps + resumed.steps
    assert [(row["_step"], row["train/loss"]) for row in history] == [(m.step, pytest.approx(m.loss)) for m in trained]
    assert [row["_step"] for row in history if "eval/loss" in row] == [3, 6]


class FlakyTracker:
    """A tracker service that accepts the first step and then breaks (a dropped connection, a full disk)."""

    where = "a flaky server"
    url = None

    def __init__(self) -> None:
        self.calls: list[str] = []

    def metrics(self, named: dict[str, float], step: int) -> None:
        self.calls.append(f"metrics {step}")
        if step >= 2:
            raise ConnectionError("connection reset by peer")

    def checkpoint(self, info: CheckpointInfo) -> None:
        self.calls.append(f"checkpoint {info.step}")

    def finish(self, status: str) -> None:
        self.calls.append(f"finish {status}")


def test_a_failing_tracker_warns_once_and_training_goes_on(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path
) -> None:
    spec, output = tracked_spec(tiny_family, sample_subset(24)), tmp_path / "run"
    (tmp_path / "not-a-folder").write_text("")
    unusable = MlflowTarget(f"sqlite:///{tmp_path / 'not-a-folder' / 'mlflow.db'}")
    recorder = RecordingReporter()
    flaky = FlakyTracker()
    trackers = [
        *open_trackers(spec, RUN_ID, output, recorder, mlflow=unusable),
        TrackerReporter("Flaky", lambda: flaky, recorder),
    ]
    result = run_training(spec, output, TeeReporter(recorder, *trackers))
    for tracker in trackers:
        tracker.finish("succeeded")

    assert result.steps == 6 and result.final_dir.is_dir() and [m.step for m in recorder.steps] == [1, 2, 3, 4, 5, 6]
    [mlflow_warning] = warnings_of(recorder, "MLflow")
    assert mlflow_warning.startswith("MLflow could not start:")
    [flaky_warning] = warnings_of(recorder, "Flaky")
    assert "failed to record metrics: ConnectionError: connection reset by peer" in flaky_warning
    assert flaky.calls == ["metrics 1", "metrics 2"], "a broken tracker is not called again during the run"


def test_a_configured_tracker_whose_package_is_missing_says_what_to_install(
    tiny_family: dict[str, Path], sample_subset: Callable[[int], Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "wandb", None)  # what `import wandb` meets on a worker without the extra
    recorder = RecordingReporter()
    spec = tracked_spec(tiny_family, sample_subset(24))
    [tracker] = open_trackers(spec, RUN_ID, tmp_path / "run", recorder, wandb=WandbTarget("tiny", mode="offline"))
    assert tracker.run is None
    [warning] = warnings_of(recorder, "W&B")
    assert warning.startswith("W&B could not start (install the `trackers` extra on this worker): ModuleNotFoundError")


def test_metrics_reach_trackers_under_the_tensorboard_names() -> None:
    sent: list[tuple[dict[str, float], int]] = []

    class Recording:
        where = "memory"
        url = None

        def metrics(self, named: dict[str, float], step: int) -> None:
            sent.append((named, step))

        def checkpoint(self, info: CheckpointInfo) -> None: ...

        def finish(self, status: str) -> None: ...

    tracker = TrackerReporter("Memory", Recording, RecordingReporter())
    extra = {"rewards/margin": 0.5, "eval_rewards/accuracy": 0.75}
    tracker.metrics(StepMetrics(4, 10, 0.5, 1.25, 1e-4, 0.3, 900.0, eval_loss=1.5, extra=extra))
    assert sent == [
        (
            {
                "train/loss": 1.25,
                "train/learning_rate": 1e-4,
                "train/grad_norm": 0.3,
                "train/tokens_per_second": 900.0,
                "train/epoch": 0.5,
                "eval/loss": 1.5,
                "train/rewards/margin": 0.5,
                "eval/rewards/accuracy": 0.75,
            },
            4,
        )
    ]


def test_no_tracker_configured_imports_no_tracker_package(tmp_path: Path) -> None:
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from worker.engine.trackers import open_trackers\n"
        "from worker.engine.reporter import PrintReporter\n"
        "assert open_trackers(None, 'run_x', Path(sys.argv[1]), PrintReporter()) == []\n"
        "print(sorted(name for name in ('mlflow', 'wandb') if name in sys.modules))\n"
    )
    shown = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, check=True, timeout=120
    )
    assert shown.stdout.strip() == "[]"
