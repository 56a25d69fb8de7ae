"""A worker configured with MLflow and W&B sends a run to both, under the run's id, next to its own metrics."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import ROOT, WorkerProcess, event_kinds
from tests.worker.support import finished_wandb_runs

pytestmark = [pytest.mark.integration, pytest.mark.filterwarnings("ignore::DeprecationWarning")]


@pytest.fixture
def tracked_worker(tmp_path: Path) -> Iterator[tuple[WorkerProcess, str]]:
    from mlflow import MlflowClient

    tracking_uri = f"sqlite:///{tmp_path / 'mlflow.db'}"
    # Created ahead so its artifacts land in tmp_path, not the worker's working directory (MLflow's default).
    MlflowClient(tracking_uri).create_experiment("team-runs", artifact_location=str(tmp_path / "mlartifacts"))
    env = {
        "TUNEWRIGHT_MLFLOW_TRACKING_URI": tracking_uri,
        "TUNEWRIGHT_MLFLOW_EXPERIMENT": "team-runs",
        "TUNEWRIGHT_WANDB_PROJECT": "team",
        "TUNEWRIGHT_WANDB_MODE": "offline",
        "WANDB_CONFIG_DIR": str(tmp_path / "wandb-config"),
        "WANDB_CACHE_DIR": str(tmp_path / "wandb-cache"),
    }
    worker = WorkerProcess("tracked", tmp_path, env)
    yield worker, tracking_uri
    worker.stop()


def test_a_run_is_tracked_in_mlflow_and_wandb(
    api: Any, tracked_worker: tuple[WorkerProcess, str], submit: Any, wait_status: Any, all_events: Any
) -> None:
    from mlflow import MlflowClient

    worker, tracking_uri = tracked_worker
    assert not (ROOT / "mlflow.db").exists()
    run = submit(max_steps=6, save_steps=3)
    done = wait_status(run["id"], {"succeeded", "failed", "cancelled"})
    assert done["status"] == "succeeded", (done["error"], worker.log()[-3000:])

    events = all_events(run["id"])
    losses = [(e["data"]["step"], e["data"]["loss"]) for e in event_kinds(events, "metric")]
    logs = [e["data"]["message"] for e in event_kinds(events, "log")]
    assert any(line.startswith(f"MLflow: this run is tracked at {tracking_uri}") for line in logs), logs
    assert any(line.startswith("W&B: this run is tracked at") for line in logs), logs
    assert not [line for line in logs if "training goes on without" in line]
    # The run records where it is tracked, for its page: neither a SQL store nor an offline W&B run has a web page.
    links = {link["name"]: link for link in api.get(f"/api/runs/{run['id']}").json()["trackers"]}
    assert links.keys() == {"MLflow", "W&B"}
    assert links["MLflow"]["where"].startswith(f"{tracking_uri} experiment 'team-runs' run ")
    assert links["W&B"]["where"].endswith("(offline)") and links["W&B"]["url"] is None
    assert links["MLflow"]["url"] is None

    client = MlflowClient(tracking_uri)
    experiment = client.get_experiment_by_name("team-runs")
    assert experiment is not None
    [tracked] = client.search_runs([experiment.experiment_id])
    assert tracked.info.run_name == run["id"] and tracked.info.status == "FINISHED"
    assert tracked.data.params["model.name"] == "tiny-chat"
    history = sorted((m.step, m.value) for m in client.get_metric_history(tracked.info.run_id, "train/loss"))
    assert history == [(step, pytest.approx(loss)) for step, loss in losses]

    checkpoints = api.get("/api/checkpoints", params={"run_id": run["id"]}).json()["items"]
    [records] = finished_wandb_runs(Path(checkpoints[0]["path"]).parents[1], count=1)
    [wandb_run] = [r.run for r in records if r.WhichOneof("record_type") == "run"]
    assert wandb_run.run_id == run["id"] and wandb_run.project == "team"
    steps = [
        int(item.value_json)
        for record in records
        if record.WhichOneof("record_type") == "history"
        for item in record.history.item
        if (item.key or "/".join(item.nested_key)) == "_step"
    ]
    assert steps == [step for step, _ in losses]
    assert not (ROOT / "mlflow.db").exists(), "MLflow's default store must not appear in the worker's directory"
