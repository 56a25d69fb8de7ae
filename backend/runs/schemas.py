from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from backend.core.pagination import Page

RunStatusName = Literal["validating", "queued", "running", "paused", "succeeded", "failed", "cancelled"]


class RunProgress(BaseModel):
    step: int
    total_steps: int
    epoch: float
    loss: float | None


class RunQueueInfo(BaseModel):
    """Where the run stands in the GPU queue."""

    priority: int = Field(description="Higher runs are placed first; admins change it.")
    gpus_required: int = Field(description="GPUs it needs on one worker (0: a CPU run).")
    gpu_memory_required_mb: int = Field(description="Free memory it needs on each GPU, from the pre-flight estimate.")
    position: int | None = Field(description="Its place among the waiting runs (1 = next); null when not waiting.")
    wait_reason: str | None = Field(description="Why it waits, e.g. 'waiting for 2 GPUs with ≥ 40 GB each; …'.")
    assigned_worker: str | None = Field(description="The worker it is assigned to or runs on.")
    assigned_gpus: list[int] | None = Field(description="The GPU indices it holds on that worker.")


class TrackerLink(BaseModel):
    name: Literal["MLflow", "W&B"] = Field(description="The experiment tracker.")
    where: str = Field(description="The tracker run: a URL, or a store and run id when it has no web address.")
    url: str | None = Field(description="A web page of the tracker run, when the tracker has one the browser can open.")


class RunRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    project_id: str = Field(description="The project it belongs to.")
    name: str
    status: RunStatusName
    dataset_id: str
    dataset_version_id: str | None = Field(
        description="The dataset version it trains on (`dsv_…`), resolved at submission; its sha256 is in resolved_spec."
    )
    mixture_id: str | None = Field(
        default=None,
        description="The mixture it trains on (`mix_…`), when it was started from one; the mixture, its seed and "
        "its sources' versions and hashes are in resolved_spec.mixture.",
    )
    model: str
    stage: str
    method: str
    spec: dict[str, Any] = Field(description="The spec as submitted, with its 'auto' values.")
    resolved_spec: dict[str, Any] = Field(description="What the engine runs: every 'auto' resolved, with decisions.")
    error: str | None
    cancel_requested: bool
    pause_requested: bool = Field(description="A running run will stop at a checkpoint after its current step.")
    attempts: int = Field(description="Executions started (a worker lost mid-run causes a retry from the checkpoint).")
    progress: RunProgress
    queue: RunQueueInfo
    evaluation: dict[str, Any] | None = Field(
        description="The automatic evaluation of every checkpoint (eval sets, general sets, best_metric resolved)."
    )
    recommended_checkpoint_id: str | None = Field(
        description="The best checkpoint by the evaluation's best_metric among those evaluated so far."
    )
    trackers: list[TrackerLink] = Field(
        default_factory=list, description="The run in the experiment trackers the workers are configured with."
    )
    created_at: datetime
    started_at: datetime | None
    finished_at: datetime | None


class RunList(Page[RunRead]):
    pass


class RunEventRead(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: int = Field(description="Increasing within a run; pass the last one seen as `after`.")
    run_id: str
    kind: Literal["metric", "log", "status", "checkpoint"]
    step: int | None
    data: dict[str, Any]
    created_at: datetime


class RunEventList(BaseModel):
    items: list[RunEventRead]
    next_after: int | None = Field(
        description="Pass as `after` for the next page; null when there is nothing more yet."
    )


def run_read(run: Any) -> RunRead:
    return RunRead(
        id=run.id,
        project_id=run.project_id,
        name=run.name,
        status=run.status,
        dataset_id=run.dataset_id,
        dataset_version_id=run.dataset_version_id,
        mixture_id=((run.resolved_spec or {}).get("mixture") or {}).get("id"),
        model=run.model_name,
        stage=run.stage,
        method=run.method,
        spec=run.spec,
        resolved_spec=run.resolved_spec,
        error=run.error,
        cancel_requested=run.cancel_requested,
        pause_requested=run.pause_requested,
        attempts=run.attempts,
        progress=RunProgress(step=run.step, total_steps=run.total_steps, epoch=run.epoch, loss=run.last_loss),
        queue=_queue_info(run),
        evaluation=run.evaluation_plan,
        recommended_checkpoint_id=run.recommended_checkpoint_id,
        trackers=[TrackerLink.model_validate(link) for link in run.trackers or []],
        created_at=run.created_at,
        started_at=run.started_at,
        finished_at=run.finished_at,
    )


def _queue_info(run: Any) -> RunQueueInfo:
    waiting = run.status == "queued" and run.assigned_worker is None
    holding = run.status in ("queued", "running")
    return RunQueueInfo(
        priority=run.priority,
        gpus_required=run.gpus_required,
        gpu_memory_required_mb=run.gpu_memory_required_mb,
        position=run.queue_position if waiting else None,
        wait_reason=run.wait_reason if waiting else None,
        assigned_worker=run.assigned_worker if holding else None,
        assigned_gpus=run.assigned_gpus if holding else None,
    )
