from __future__ import annotations

from datetime import datetime
from typing import Literal

from pydantic import BaseModel, Field


class GpuRead(BaseModel):
    index: int
    name: str
    memory_total_mb: int
    memory_used_mb: int
    utilization_pct: float | None
    temperature_c: float | None
    held_by: str | None = Field(description="The run assigned to or running on this GPU, if any.")


class WorkerRead(BaseModel):
    name: str = Field(description="Celery node name; runs are assigned to it and sent to its own queue.")
    host: str
    queues: list[str]
    slots: int = Field(description="Runs it executes at once.")
    gpus: list[GpuRead]
    simulated: bool = Field(description="Its GPUs are simulated (TUNEWRIGHT_SIMULATED_GPUS); runs train on CPU.")
    cpu_count: int
    memory_total_mb: int
    version: str
    drained: bool = Field(description="Takes no new runs; the ones it runs finish.")
    online: bool = Field(description="Heartbeat seen within the offline window.")
    trains: bool = Field(description="Consumes the gpu queue, so the scheduler may give it training runs.")
    runs: list[str] = Field(description="Runs assigned to or running on it.")
    started_at: datetime
    last_heartbeat_at: datetime


class QueuedRunRead(BaseModel):
    id: str
    name: str
    owner_id: str
    owner_email: str
    status: str = Field(description="queued; an assigned run waits for its worker to take it.")
    priority: int
    gpus_required: int
    gpu_memory_required_mb: int
    position: int | None = Field(description="1 = placed next; null once assigned to a worker.")
    wait_reason: str | None
    assigned_worker: str | None
    assigned_gpus: list[int] | None
    queued_at: datetime | None
    estimated_start: datetime | None = Field(
        description="Rough: when enough running runs should have finished, from their progress so far."
    )


class RunningRunRead(BaseModel):
    id: str
    name: str
    owner_id: str
    owner_email: str
    priority: int
    worker: str | None
    gpus: list[int]
    step: int
    total_steps: int
    progress_pct: float
    started_at: datetime | None
    eta: datetime | None = Field(description="From the steps done since it started; null before the first step.")
    pause_requested: bool
    preempting: bool = Field(description="It checkpoints and goes back to the queue after its current step.")
    cancel_requested: bool


class QuotaRead(BaseModel):
    user_id: str
    email: str
    max_gpus: int | None = Field(description="This user's override; null keeps the default.")
    max_runs: int | None
    effective_max_gpus: int | None = Field(description="The limit in force (override or default); null: none.")
    effective_max_runs: int | None


class ProjectQuotaRead(BaseModel):
    project_id: str
    name: str
    max_gpus: int | None = Field(description="This project's override; null keeps the default.")
    max_runs: int | None
    effective_max_gpus: int | None = Field(description="The limit in force (override or default); null: none.")
    effective_max_runs: int | None


class UsageRead(BaseModel):
    user_id: str
    email: str
    gpus_held: int
    runs_held: int
    runs_queued: int
    gpu_hours: float = Field(description="GPUs × hours since each run first started (paused time included).")
    quota: QuotaRead


class GpuJobRead(BaseModel):
    kind: Literal["evaluation", "export"]
    id: str
    status: str = Field(description="queued (the next free GPU worker takes it) or running.")
    what: str = Field(description="What it evaluates or exports, in words.")
    owner_email: str | None
    project_id: str
    run_id: str | None = Field(description="The run whose checkpoint it evaluates or exports; null for a model.")
    worker: str | None = Field(description="The worker running it (or that last ran it).")
    attempts: int = Field(description="Executions started; a lost worker's job is retried up to the limit.")
    progress_pct: float | None = Field(description="Evaluations report progress; exports do not.")
    queued_at: datetime
    started_at: datetime | None


class QueueRead(BaseModel):
    workers: list[WorkerRead]
    queued: list[QueuedRunRead] = Field(description="In scheduling order.")
    running: list[RunningRunRead]
    gpu_jobs: list[GpuJobRead] = Field(
        description="Evaluations and exports on the shared GPU queue, oldest first: GPU workers take them beside "
        "their runs, in arrival order; the scheduler does not place them."
    )
    usage: list[UsageRead]
    auto_preempt_after_seconds: float | None


class PriorityUpdate(BaseModel):
    priority: int = Field(ge=-1_000_000, le=1_000_000, description="Higher runs first; default 0.")


class QuotaUpdate(BaseModel):
    max_gpus: int | None = Field(default=None, ge=0, le=100_000, description="Null: the default of the settings.")
    max_runs: int | None = Field(default=None, ge=0, le=100_000, description="Null: the default of the settings.")
