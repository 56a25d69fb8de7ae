from __future__ import annotations

import enum
from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, Float, ForeignKey, Index, Integer, String, Text, false, text
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow
from backend.models.project import DEFAULT_PROJECT_ID


class RunStatus(enum.StrEnum):
    validating = "validating"
    queued = "queued"
    running = "running"
    succeeded = "succeeded"
    failed = "failed"
    cancelled = "cancelled"
    paused = "paused"  # stopped at a checkpoint by a user; resumes from it when asked

    @property
    def terminal(self) -> bool:
        return self in (RunStatus.succeeded, RunStatus.failed, RunStatus.cancelled)


class Run(Base):
    """A training job. The lease columns implement at-least-once delivery with exactly-once effect."""

    __tablename__ = "runs"

    id: Mapped[str] = mapped_column(String(40), primary_key=True)
    owner_id: Mapped[str] = mapped_column(ForeignKey("users.id"), index=True)  # who created it
    # No database foreign key (a column with one cannot be added to a filled table on SQLite); a project with
    # objects refuses deletion instead (projects.service.delete).
    project_id: Mapped[str] = mapped_column(String(40), index=True, server_default=DEFAULT_PROJECT_ID)
    name: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(20), index=True)
    dataset_id: Mapped[str] = mapped_column(ForeignKey("datasets.id"), index=True)
    # No database foreign key: adding one to `runs` on SQLite means copying the table, which the rows pointing at
    # runs forbid. Datasets refuse deletion while a run names them (datasets.service.delete) instead.
    eval_dataset_id: Mapped[str | None] = mapped_column(String(40))
    # The dataset version trained on (`dsv_…`); None for runs from before versions (they trained on version 1).
    dataset_version_id: Mapped[str | None] = mapped_column(String(40))
    model_name: Mapped[str] = mapped_column(String(200))
    stage: Mapped[str] = mapped_column(String(20))
    method: Mapped[str] = mapped_column(String(20))
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    resolved_spec: Mapped[dict[str, Any]] = mapped_column(JSON)
    error: Mapped[str | None] = mapped_column(Text)
    cancel_requested: Mapped[bool] = mapped_column(Boolean, default=False)
    pause_requested: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    lease_token: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    worker: Mapped[str | None] = mapped_column(String(200))
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    step: Mapped[int] = mapped_column(Integer, default=0)
    total_steps: Mapped[int] = mapped_column(Integer, default=0)
    epoch: Mapped[float] = mapped_column(Float, default=0.0)
    last_loss: Mapped[float | None] = mapped_column(Float)
    # The run's automatic evaluation (specs.training.EvaluationPlan with "auto" resolved), and the checkpoint its
    # best-checkpoint metric picks among the evaluated ones.
    evaluation_plan: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    recommended_checkpoint_id: Mapped[str | None] = mapped_column(String(40))
    # Where the run is mirrored in experiment trackers (MLflow, W&B): [{"name", "where", "url"}], set by the worker.
    trackers: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list, server_default=text("'[]'"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    # The GPU queue (backend/scheduler): what the run needs, where the scheduler put it, and why it waits.
    gpus_required: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    gpu_memory_required_mb: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # per GPU
    priority: Mapped[int] = mapped_column(Integer, default=0, server_default="0")
    queued_at: Mapped[datetime | None] = mapped_column(UTCDateTime())  # last time it joined the queue
    assigned_worker: Mapped[str | None] = mapped_column(String(200), index=True)
    assigned_gpus: Mapped[list[int] | None] = mapped_column(JSON)
    assigned_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    queue_position: Mapped[int | None] = mapped_column(Integer)
    wait_reason: Mapped[str | None] = mapped_column(Text)
    # Preemption: the pause this flag accompanies ends in the queue, not in `paused`.
    requeue_on_pause: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class RunEvent(Base):
    """One metric, log line, status change or checkpoint of a run; the id orders a run's history."""

    __tablename__ = "run_events"
    __table_args__ = (Index("ix_run_events_run_id_id", "run_id", "id"),)

    id: Mapped[int] = mapped_column(BigInteger().with_variant(Integer, "sqlite"), primary_key=True, autoincrement=True)
    run_id: Mapped[str] = mapped_column(ForeignKey("runs.id", ondelete="CASCADE"))
    kind: Mapped[str] = mapped_column(String(20))
    step: Mapped[int | None] = mapped_column(Integer)
    data: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
