"""Rows → OpenAI's objects. Times are Unix seconds; ids are the workbench's own (`ds_…` files, `run_…` jobs)."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from backend.models import CatalogModel, Checkpoint, Dataset, Run, RunEvent, RunStatus
from backend.openai_compat.schemas import (
    CheckpointMetrics,
    EventLevel,
    FileObject,
    HyperparametersOut,
    Job,
    JobCheckpoint,
    JobError,
    JobEvent,
    JobStatus,
    MethodHyperparameters,
    MethodOut,
    Model,
)
from backend.openai_compat.service import JobView
from backend.openai_compat.translate import JOB_STATUS, as_number, fine_tuned_model_name

OWNER = "tunewright"  # owned_by of catalog models


def _ts(moment: datetime | None) -> int | None:
    return int(moment.timestamp()) if moment is not None else None


def _created(moment: datetime) -> int:
    return int(moment.timestamp())


def _estimated_finish(run: Run) -> int | None:
    """Start plus the pre-flight time estimate, while the job runs (None on CPUs, which are not estimated)."""
    seconds = (run.resolved_spec.get("estimate") or {}).get("seconds")
    if run.status != RunStatus.running or run.started_at is None or seconds is None:
        return None
    return int(run.started_at.timestamp() + seconds)


def file_object(dataset: Dataset) -> FileObject:
    return FileObject(
        id=dataset.id, bytes=dataset.size_bytes, created_at=_created(dataset.created_at), filename=dataset.filename
    )


def job(view: JobView) -> Job:
    run, extra = view.run, view.openai
    resolved = run.resolved_spec.get("hyperparameters", {})
    asked = run.spec.get("hyperparameters", {})
    method_type = extra.method_type if extra is not None else ("dpo" if run.stage == "dpo" else "supervised")
    hyperparameters = HyperparametersOut(
        n_epochs=as_number(resolved["epochs"]),
        batch_size=resolved["batch_size"],
        learning_rate_multiplier=asked.get("learning_rate_multiplier", 1.0),
        beta=resolved.get("beta") if method_type == "dpo" else None,
    )
    suffix = extra.suffix if extra is not None else None
    succeeded = run.status == RunStatus.succeeded
    return Job(
        id=run.id,
        created_at=_created(run.created_at),
        error=JobError(code="run_failed", message=run.error or "failed") if run.status == RunStatus.failed else None,
        fine_tuned_model=fine_tuned_model_name(run.model_name, suffix, run.id, view.project) if succeeded else None,
        finished_at=_ts(run.finished_at),
        hyperparameters=hyperparameters,
        model=run.model_name,
        organization_id=view.project,
        result_files=[],
        seed=resolved["seed"],
        status=cast(JobStatus, JOB_STATUS[run.status]),
        trained_tokens=None,
        training_file=run.dataset_id,
        validation_file=run.eval_dataset_id,
        estimated_finish=_estimated_finish(run),
        integrations=[],
        metadata=extra.job_metadata if extra is not None else None,
        method=MethodOut.model_validate(
            {"type": method_type, method_type: MethodHyperparameters(hyperparameters=hyperparameters)}
        ),
        user_provided_suffix=suffix,
        tunewright={
            "extension": extra.extension if extra is not None else None,
            "run_id": run.id,
            "stage": run.stage,
            "method": run.method,
            "model": run.model_name,
            "learning_rate": resolved.get("learning_rate"),
            "max_steps": resolved.get("max_steps"),
            "lora_r": resolved.get("lora_r"),
            "target_modules": resolved.get("target_modules"),
            "progress": {"step": run.step, "total_steps": run.total_steps, "loss": run.last_loss},
            "pause_requested": run.pause_requested,
            "cancel_requested": run.cancel_requested,
            "decisions": run.resolved_spec.get("decisions", []),
        },
    )


_LEVELS = {"warning": "warn", "error": "error"}


def event(row: RunEvent) -> JobEvent:
    data: dict[str, Any] = dict(row.data)
    created, event_id = _created(row.created_at), f"ftevent-{row.id}"
    if row.kind == "metric":
        metrics = {"step": data["step"], "total_steps": data.get("total_steps"), "train_loss": data["loss"]}
        metrics |= {k: v for k, v in data.items() if k not in ("step", "total_steps", "loss")}
        if data.get("eval_loss") is not None:
            metrics["valid_loss"] = data["eval_loss"]
        message = f"Step {data['step']}/{data.get('total_steps', '?')}: training loss={data['loss']:.4f}"
        return JobEvent(id=event_id, created_at=created, level="info", message=message, type="metrics", data=metrics)
    level = _LEVELS.get(str(data.get("level")), "info")
    if row.kind == "status":
        status = JOB_STATUS.get(str(data["status"]), str(data["status"]))
        reason = f": {data['reason']}" if data.get("reason") else ""
        message = f"Job {status}{reason}"
        level = "error" if status == "failed" else "info"
    elif row.kind == "checkpoint":
        message = f"Checkpoint written at step {row.step}"
    else:
        message = str(data.get("message", ""))
    return JobEvent(
        id=event_id, created_at=created, level=cast(EventLevel, level), message=message, type="message", data=data
    )


def checkpoint(view: JobView, row: Checkpoint) -> JobCheckpoint:
    name = fine_tuned_model_name(
        view.run.model_name, view.openai.suffix if view.openai else None, view.run.id, view.project
    )
    metrics = CheckpointMetrics(
        step=row.step,
        train_loss=row.metrics.get("loss"),
        valid_loss=row.metrics.get("eval_loss"),
        full_valid_loss=row.metrics.get("eval_loss"),
    )
    return JobCheckpoint(
        id=row.id,
        created_at=_created(row.created_at),
        fine_tuned_model_checkpoint=f"{name}:ckpt-step-{row.step}",
        fine_tuning_job_id=view.run.id,
        metrics=metrics,
        step_number=row.step,
    )


def model(item: CatalogModel | JobView) -> Model:
    if isinstance(item, CatalogModel):
        return Model(id=item.name, created=_created(item.created_at), owned_by=OWNER)
    run = item.run
    name = fine_tuned_model_name(run.model_name, item.openai.suffix if item.openai else None, run.id, item.project)
    return Model(id=name, created=_ts(run.finished_at) or _created(run.created_at), owned_by=item.project)
