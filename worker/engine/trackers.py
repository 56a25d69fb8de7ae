"""MLflow and Weights & Biases as Reporters, for runs whose operators configured them (TensorBoard is always on).

A tracker is a guest of the run: its package is imported only when it is configured, its run is named by the
Tunewright run id so a resumed run appends to it, and when it fails (server down, bad credentials, full disk) it
warns once on the run's log and is left out for the rest of the run; training never waits on it or fails by it.
"""

from __future__ import annotations

import json
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal, Protocol

from specs.training import ResolvedTrainingSpec
from worker.engine.metric_logging import scalars
from worker.engine.reporter import CheckpointInfo, Reporter, StepMetrics

# The run's outcome as the task records it; the non-terminal ones come back later and resume.
FINISHED_OK = ("succeeded", "paused", "worker_shutdown", "lease_lost")
MLFLOW_STATUS = {"succeeded": "FINISHED", "failed": "FAILED", "cancelled": "KILLED"}
MLFLOW_RUN_FILE = "mlflow_run.json"
# Steps of metrics MLflow's background logger may still be sending; further behind than that, training waits for it.
MLFLOW_BACKLOG_STEPS = 100


@dataclass(frozen=True)
class MlflowTarget:
    tracking_uri: str
    experiment: str = "tunewright"
    # The MLflow web UI as the users' browsers reach it, when that is not the tracking URI the workers use
    # (`http://mlflow:5000` inside docker compose); None = the tracking URI when it is http(s).
    ui_url: str | None = None


@dataclass(frozen=True)
class WandbTarget:
    project: str
    entity: str | None = None
    mode: Literal["online", "offline"] = "online"


@dataclass(frozen=True)
class TrackerLink:
    """Where a run is tracked, for the run's page."""

    name: str
    where: str
    url: str | None


class TrackerRun(Protocol):
    where: str  # what the run's log tells the user: a URL, or a store and run id
    url: str | None  # a web page of the run the user's browser can open, if the tracker has one

    def metrics(self, named: dict[str, float], step: int) -> None: ...

    def checkpoint(self, info: CheckpointInfo) -> None: ...

    def finish(self, status: str) -> None: ...


def flat_params(spec: ResolvedTrainingSpec) -> dict[str, str]:
    """The resolved spec as `a.b.c` → text; the decisions are prose and go to the tracker as text instead."""
    flat: dict[str, str] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix}.{key}" if prefix else key, inner)
        else:
            flat[prefix] = value if isinstance(value, str) else json.dumps(value)

    walk("", spec.model_dump(mode="json", exclude={"decisions"}))
    return flat


class TrackerReporter:
    """A Reporter over one tracker run; the first failure turns it off, with one warning through `notify`."""

    def __init__(self, name: str, open_run: Callable[[], TrackerRun], notify: Reporter) -> None:
        self.name = name
        self.notify = notify
        self.run: TrackerRun | None = None
        try:
            self.run = open_run()
        except ImportError as exc:
            self._turn_off("could not start (install the `trackers` extra on this worker)", exc)
            return
        except Exception as exc:
            self._turn_off("could not start", exc)
            return
        notify.log(
            f"{name}: this run is tracked at {self.run.where}",
            tracker=name,
            tracker_where=self.run.where,
            tracker_url=self.run.url,
        )

    @property
    def link(self) -> TrackerLink | None:
        """Where the run is tracked; None when the tracker is off (it failed to start)."""
        return None if self.run is None else TrackerLink(self.name, self.run.where, self.run.url)

    def _turn_off(self, doing: str, exc: Exception) -> None:
        self.run = None
        self.notify.log(
            f"{self.name} {doing}: {type(exc).__name__}: {exc}; training goes on without {self.name} for this run",
            level="warning",
        )

    def _send(self, doing: str, call: Callable[[TrackerRun], None]) -> None:
        if self.run is None:
            return
        try:
            call(self.run)
        except Exception as exc:
            self._turn_off(doing, exc)

    def log(self, message: str, level: str = "info", **data: Any) -> None:
        """Trackers get numbers; the run's log stays in Tunewright."""

    def metrics(self, metrics: StepMetrics) -> None:
        named = scalars(metrics)
        self._send("failed to record metrics", lambda run: run.metrics(named, metrics.step))

    def checkpoint(self, info: CheckpointInfo) -> None:
        self._send("failed to record a checkpoint", lambda run: run.checkpoint(info))

    def should_stop(self) -> str | None:
        return None

    def finish(self, status: str) -> None:
        self._send("failed to record the run's end", lambda run: run.finish(status))
        self.run = None


class MlflowRun:
    """One MLflow run per Tunewright run: its id is kept in the output folder, so a resume logs into the same run."""

    def __init__(self, target: MlflowTarget, spec: ResolvedTrainingSpec, run_name: str, output_dir: Path) -> None:
        from mlflow import MlflowClient

        self.client = MlflowClient(tracking_uri=target.tracking_uri)
        self.run_file = output_dir / MLFLOW_RUN_FILE
        self.sending: deque[Any] = deque()
        self.run_id = self._resumed(target.tracking_uri) or self._created(target, spec, run_name)
        self.run_file.write_text(json.dumps({"tracking_uri": target.tracking_uri, "run_id": self.run_id}))
        run = self.client.get_run(self.run_id)
        self.where = f"{target.tracking_uri} experiment {target.experiment!r} run {self.run_id}"
        self.url: str | None = None
        web = target.ui_url or (
            target.tracking_uri if target.tracking_uri.startswith(("http://", "https://")) else None
        )
        if web:
            self.url = f"{web.rstrip('/')}/#/experiments/{run.info.experiment_id}/runs/{self.run_id}"
            self.where = self.url

    def _resumed(self, tracking_uri: str) -> str | None:
        from mlflow.exceptions import MlflowException

        if not self.run_file.is_file():
            return None
        stored = json.loads(self.run_file.read_text())
        if stored.get("tracking_uri") != tracking_uri:
            return None  # the operator moved to another server: start over there
        try:
            self.client.get_run(stored["run_id"])
        except MlflowException:
            return None  # deleted on the server
        self.client.update_run(stored["run_id"], status="RUNNING")
        return str(stored["run_id"])

    def _created(self, target: MlflowTarget, spec: ResolvedTrainingSpec, run_name: str) -> str:
        from mlflow.entities import Param
        from mlflow.utils.validation import MAX_PARAM_VAL_LENGTH, MAX_PARAMS_TAGS_PER_BATCH

        experiment = self.client.get_experiment_by_name(target.experiment)
        experiment_id = experiment.experiment_id if experiment else self.client.create_experiment(target.experiment)
        run_id: str = self.client.create_run(
            experiment_id,
            run_name=run_name,
            tags={"tunewright.run_id": run_name, "tunewright.stage": spec.stage, "tunewright.method": spec.method},
        ).info.run_id
        params = [Param(key, value[:MAX_PARAM_VAL_LENGTH]) for key, value in flat_params(spec).items()]
        for start in range(0, len(params), MAX_PARAMS_TAGS_PER_BATCH):
            self.client.log_batch(run_id, params=params[start : start + MAX_PARAMS_TAGS_PER_BATCH])
        self.client.log_text(run_id, "".join(f"{line}\n" for line in spec.decisions), "decisions.txt")
        return run_id

    def metrics(self, named: dict[str, float], step: int) -> None:
        from mlflow.entities import Metric

        now = int(time.time() * 1000)
        batch = [Metric(key, value, now, step) for key, value in named.items()]
        # Queued to MLflow's background logger; waiting on the oldest batch also surfaces its delivery errors.
        self.sending.append(self.client.log_batch(self.run_id, metrics=batch, synchronous=False))
        if len(self.sending) > MLFLOW_BACKLOG_STEPS:
            self.sending.popleft().wait()

    def checkpoint(self, info: CheckpointInfo) -> None:
        self.client.set_tag(self.run_id, "tunewright.checkpoint", f"step {info.step}: {info.path}")

    def finish(self, status: str) -> None:
        while self.sending:
            self.sending.popleft().wait()
        if status == "lease_lost":
            return  # another execution owns the run now and keeps this tracker run's status
        self.client.set_tag(self.run_id, "tunewright.status", status)
        if status in MLFLOW_STATUS:
            self.client.set_terminated(self.run_id, MLFLOW_STATUS[status])
        else:
            self.client.update_run(self.run_id, status="SCHEDULED")  # paused or handed back: it resumes later


class WandbRun:
    """One W&B run per Tunewright run, with the run id as its id: resuming appends to it (offline runs are separate
    folders with that id, which `wandb sync` uploads into the one run)."""

    def __init__(self, target: WandbTarget, spec: ResolvedTrainingSpec, run_name: str, output_dir: Path) -> None:
        import wandb

        self.run = wandb.init(
            project=target.project,
            entity=target.entity,
            id=run_name,
            name=run_name,
            resume="allow",
            mode=target.mode,
            dir=str(output_dir),
            config=spec.model_dump(mode="json", exclude={"decisions"}),
            notes="\n".join(spec.decisions),
            tags=[spec.stage, spec.method],
            reinit="create_new",
            settings=wandb.Settings(console="off"),  # the worker's own output is not the run's to upload
        )
        self.url: str | None = self.run.url if target.mode == "online" and self.run.url else None
        self.where = self.url or f"{self.run.dir} (offline)"

    def metrics(self, named: dict[str, float], step: int) -> None:
        self.run.log(named, step=step)

    def checkpoint(self, info: CheckpointInfo) -> None:
        self.run.summary.update({"checkpoint/step": info.step, "checkpoint/path": info.path})

    def finish(self, status: str) -> None:
        self.run.summary["tunewright/status"] = status
        self.run.finish(exit_code=0 if status in FINISHED_OK else 1)


def open_trackers(
    spec: ResolvedTrainingSpec,
    run_name: str,
    output_dir: Path,
    notify: Reporter,
    *,
    mlflow: MlflowTarget | None = None,
    wandb: WandbTarget | None = None,
) -> list[TrackerReporter]:
    """A reporter for each configured tracker (none when none is configured, and then nothing is imported)."""
    output_dir.mkdir(parents=True, exist_ok=True)
    trackers = []
    if mlflow is not None:
        target = mlflow
        trackers.append(TrackerReporter("MLflow", lambda: MlflowRun(target, spec, run_name, output_dir), notify))
    if wandb is not None:
        wandb_target = wandb
        trackers.append(TrackerReporter("W&B", lambda: WandbRun(wandb_target, spec, run_name, output_dir), notify))
    return trackers
