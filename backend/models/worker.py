from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, Boolean, ForeignKey, Integer, String, false
from sqlalchemy.orm import Mapped, mapped_column

from backend.core.db import Base, UTCDateTime, utcnow


class Worker(Base):
    """A Celery worker as it last described itself: its queues, slots and GPUs (NVML or simulated).

    The row is the scheduler's view of the pool: runs are assigned to a worker by name and claimed only by it.
    """

    __tablename__ = "workers"

    name: Mapped[str] = mapped_column(String(200), primary_key=True)  # the Celery node name, e.g. gpu@host-a
    host: Mapped[str] = mapped_column(String(200))
    queues: Mapped[list[str]] = mapped_column(JSON)
    slots: Mapped[int] = mapped_column(Integer, default=1)  # runs it executes at once (Celery concurrency)
    # [{index, name, memory_total_mb, memory_used_mb, utilization_pct, temperature_c}]
    gpus: Mapped[list[dict[str, Any]]] = mapped_column(JSON)
    simulated: Mapped[bool] = mapped_column(Boolean, default=False)
    cpu_count: Mapped[int] = mapped_column(Integer, default=0)
    memory_total_mb: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[str] = mapped_column(String(40))
    drained: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    started_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow)
    last_heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, index=True)


class UserQuota(Base):
    """An admin's override of the default per-user limits; None keeps the default of the settings."""

    __tablename__ = "user_quotas"

    user_id: Mapped[str] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    max_gpus: Mapped[int | None] = mapped_column(Integer)
    max_runs: Mapped[int | None] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime(), default=utcnow, onupdate=utcnow)


class SchedulerLock(Base):
    """One row; a dispatch pass starts by updating it, so passes from several workers (and the API) run one at a
    time on SQLite and PostgreSQL alike, each seeing what the previous one committed."""

    __tablename__ = "scheduler_lock"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    passes: Mapped[int] = mapped_column(Integer, default=0)
