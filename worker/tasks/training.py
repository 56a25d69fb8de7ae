"""The training task: load the run by id → claim it → run the engine → record the outcome on the run.

Safe to receive twice: a second delivery finds nothing to claim.
"""

from __future__ import annotations

import logging
import traceback
from pathlib import Path

from celery import Task

from backend.core.db import session_scope
from backend.core.queue import TRAIN_RUN
from backend.core.settings import Settings, get_settings
from backend.core.storage import get_storage
from backend.models import RunStatus
from backend.runs import lifecycle
from backend.scheduler import inventory as scheduler_inventory
from specs.training import ResolvedTrainingSpec
from worker import inventory
from worker.celery_app import app
from worker.engine.errors import EngineError
from worker.engine.metric_logging import TeeReporter, TensorBoardReporter
from worker.engine.parity import template_parity
from worker.engine.recipes.train import run_training
from worker.engine.reporter import Reporter, StopRequested
from worker.engine.trackers import MlflowTarget, TrackerReporter, WandbTarget, open_trackers
from worker.signals import shutting_down
from worker.tasks.reporting import RunReporter
from worker.tasks.torchrun import train_with_torchrun

log = logging.getLogger(__name__)


def _report_parity(spec: ResolvedTrainingSpec, final_dir: Path, reporter: Reporter) -> None:
    if spec.stage == "cpt":
        reporter.log("template parity: not checked; continued pretraining trains on plain text with no chat template")
        return
    parity = template_parity(
        final_dir, Path(spec.dataset_path), default_system_prompt=spec.model.default_system_prompt, stage=spec.stage
    )
    if parity.mismatches:
        index, reason = parity.mismatches[0]
        reporter.log(
            f"template parity: {len(parity.mismatches)} of {parity.checked} records differ between training and "
            f"inference (first: record #{index + 1} (index {index}): {reason}); serving this checkpoint may not match its training",
            level="warning",
        )
    else:
        reporter.log(
            f"template parity: {parity.checked} of {parity.checked} records render the same token ids at inference "
            "as in training"
        )


def _processes(spec: ResolvedTrainingSpec, cpu_processes: int) -> int:
    """One process per GPU the run asked for; a CPU run takes as many as the worker is set to (usually 1)."""
    return spec.resources.gpus if spec.resources.device == "cuda" else cpu_processes


def _on_simulated_gpus(spec: ResolvedTrainingSpec, reporter: Reporter) -> ResolvedTrainingSpec:
    """A worker with a simulated inventory trains GPU runs on its CPU: the queue is modelled, the math is real."""
    if spec.resources.device != "cuda":
        return spec
    reporter.log(f"simulated GPUs: this {spec.resources.gpus}-GPU run trains on the CPU of its worker")
    return spec.model_copy(update={"resources": spec.resources.model_copy(update={"device": "cpu"})})


def _train(
    spec: ResolvedTrainingSpec, output_dir: Path, reporter: Reporter, processes: int, gpus: tuple[int, ...]
) -> Path:
    """The final folder; in this process for one CPU device, under torchrun for more, and always under torchrun on
    real GPUs so CUDA_VISIBLE_DEVICES (the GPUs the scheduler assigned) takes effect in a fresh process."""
    if spec.resources.device == "cuda" and gpus:
        visible = {"CUDA_VISIBLE_DEVICES": ",".join(map(str, inventory.physical(gpus)))}
        return train_with_torchrun(spec, output_dir, reporter, len(gpus), visible)
    if processes > 1:
        return train_with_torchrun(spec, output_dir, reporter, processes)
    return run_training(spec, output_dir, reporter).final_dir


def _open_trackers(
    settings: Settings, spec: ResolvedTrainingSpec, run_id: str, output_dir: Path, notify: Reporter
) -> list[TrackerReporter]:
    mlflow = wandb = None
    if settings.mlflow_tracking_uri:
        mlflow = MlflowTarget(settings.mlflow_tracking_uri, settings.mlflow_experiment, settings.mlflow_ui_url)
    if settings.wandb_project:
        wandb = WandbTarget(settings.wandb_project, settings.wandb_entity, settings.wandb_mode)
    return open_trackers(spec, run_id, output_dir, notify, mlflow=mlflow, wandb=wandb)


@app.task(name=TRAIN_RUN, bind=True)
def train_run(self: Task, run_id: str) -> str:
    settings = get_settings()
    worker_name = str(inventory.identity["name"] or self.request.hostname)
    with session_scope() as session:
        lease = lifecycle.claim(session, run_id, worker_name, settings.lease_seconds)
        if lease is None:
            log.info("run %s: nothing to claim (already taken, finished or cancelled)", run_id)
            return "not-claimed"
        spec = ResolvedTrainingSpec.model_validate(lifecycle.resolved_spec(session, lease))

    output_dir = get_storage().local_path(f"runs/{run_id}")
    run_reporter = RunReporter(lease, settings, shutting_down)
    tensorboard = TensorBoardReporter(output_dir / "tensorboard")
    outcome: tuple[RunStatus | None, str | None]
    with run_reporter.heartbeating():  # tracker servers can be slow to answer; the lease must outlive them
        trackers = _open_trackers(settings, spec, run_id, output_dir, run_reporter)
        reporter = TeeReporter(run_reporter, tensorboard, *trackers)
        if inventory.simulated(settings):
            spec = _on_simulated_gpus(spec, reporter)
        inventory.busy_gpus.update(lease.gpus)
        try:
            final_dir = _train(spec, output_dir, reporter, _processes(spec, settings.cpu_processes), lease.gpus)
            outcome = (RunStatus.succeeded, None)
            _report_parity(spec, final_dir, reporter)
        except StopRequested as stop:
            outcome = {
                "cancelled": (RunStatus.cancelled, "cancelled by user"),
                "worker_shutdown": (None, "worker_shutdown"),
                "paused": (None, "paused"),
            }.get(stop.reason, (None, stop.reason))
        except EngineError as exc:  # bad data, divergence, impossible settings: the user's to fix
            outcome = (RunStatus.failed, str(exc))
        except Exception as exc:
            log.exception("run %s crashed", run_id)
            outcome = (RunStatus.failed, f"internal error: {type(exc).__name__}: {exc}")
            reporter.log(traceback.format_exc(limit=8), level="error")
        finally:
            inventory.busy_gpus.difference_update(lease.gpus)
            tensorboard.close()
        status, reason = outcome
        for tracker in trackers:
            tracker.finish(status.value if status is not None else str(reason))

    with session_scope() as session:
        if status is not None:
            lifecycle.finish(session, lease, status, reason)
        elif reason == "paused":
            lifecycle.paused(session, lease)
        elif reason == "worker_shutdown":
            scheduler_inventory.sign_off(session, worker_name)
            lifecycle.release(session, lease, "its worker shut down; it resumes from the last checkpoint")
        # lease_lost: the run belongs to another execution now; write nothing.
    return str(status or reason)
