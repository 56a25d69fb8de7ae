"""Leased jobs: the one way a background job is claimed, renewed, recorded and recovered (DESIGN.md, "Job lifecycle").

Celery may deliver a message twice and a worker may die mid-job. So a worker *claims* a job with one conditional
update (queued → running, a fresh token, a lease that expires), renews the lease while it works, and writes every
result guarded by its token: a second delivery finds nothing to claim, and an execution that lost its lease can no
longer change the row. Every worker runs the reaper: a job whose lease expired (its worker died) is queued again
and its message resent, up to `max_attempts` executions, then failed with the reason; a queued job whose message
was lost (Redis restarted) is sent again. Each change is conditional, so concurrent reapers are harmless.

A domain describes its table once (`LeasedJobs(Model, TASK_NAME)`) and keeps its own meaning on top: what a
claimed job carries, what a success records and what follows it.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from sqlalchemy import CursorResult, Integer, String, Text, select, update
from sqlalchemy.orm import Mapped, Session, mapped_column

from backend.core.db import UTCDateTime, utcnow
from backend.core.queue import enqueue

QUEUED, RUNNING, SUCCEEDED, FAILED = "queued", "running", "succeeded", "failed"


class LeaseColumns:
    """The columns every leased job table has (a declarative mixin)."""

    if TYPE_CHECKING:  # the table's own primary key
        id: Mapped[str]
    # queued | running | succeeded | failed (a domain may add states the lease never touches, e.g. cancelled)
    status: Mapped[str] = mapped_column(String(20), index=True)
    error: Mapped[str | None] = mapped_column(Text)
    # The claiming execution's token; every write of a running job names it.
    lease_token: Mapped[str | None] = mapped_column(String(64))
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    worker: Mapped[str | None] = mapped_column(String(200))  # who holds (or last held) the lease
    attempts: Mapped[int] = mapped_column(Integer, default=0, server_default="0")  # executions started
    # When the message was last sent: a queued job whose message was lost is sent again.
    dispatched_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime())


M = TypeVar("M", bound=LeaseColumns)
_registry: dict[str, LeasedJobs[Any]] = {}


@dataclass(frozen=True)
class LeasedJobs(Generic[M]):
    """A table of leased jobs: `model` (with `LeaseColumns`), the Celery task `task` that executes one (it takes the
    job's id), and what a user reads when a job's worker was lost too often (`lost_hint`). Defining one registers it
    with the reaper."""

    model: type[M]
    task: str
    lost_hint: str = "check the worker logs"
    # A `progress` column, if the table has one, starts at 0 with each execution and ends at 1 on success.
    has_progress: bool = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "has_progress", "progress" in self.model.__table__.columns)  # type: ignore[attr-defined]
        _registry[self.task] = self

    # -- the API side --------------------------------------------------------------------------------------------

    def dispatch(self, session: Session, job: M) -> None:
        """Send a new (queued, flushed) job once the transaction commits, and note when, for the reaper."""
        job.dispatched_at = utcnow()
        enqueue(session, self.task, job.id)

    def refuse(self, session: Session, job_id: str, error: str) -> bool:
        """Fail a queued job before any execution (what it needs is gone); False if it is not queued."""
        values = {"status": FAILED, "error": error, "finished_at": utcnow()}
        return self._update(session, job_id, {"status": QUEUED}, values)

    # -- the worker side -----------------------------------------------------------------------------------------

    def claim(
        self, session: Session, job_id: str, lease_seconds: float, worker: str | None = None
    ) -> tuple[str, M] | None:
        """(token, the job's row) of a queued job, now running under a fresh lease; None when there is nothing to
        claim (taken elsewhere, finished or unknown)."""
        token, now = secrets.token_hex(16), utcnow()
        values: dict[str, Any] = {
            "status": RUNNING,
            "lease_token": token,
            "lease_expires_at": now + timedelta(seconds=lease_seconds),
            "worker": worker,
            "started_at": now,
            "attempts": self.model.attempts + 1,
            **self._progress(0.0),
        }
        if not self._update(session, job_id, {"status": QUEUED}, values):
            return None
        job = session.get(self.model, job_id)
        assert job is not None
        session.refresh(job)  # the identity map may hold the row as it was before the update
        return token, job

    def update(self, session: Session, job_id: str, token: str, values: dict[str, Any]) -> bool:
        """Write `values` only while the job is running under `token`; False when the lease is no longer this
        execution's (reaped after a stall, or finished elsewhere)."""
        return self._update(session, job_id, {"status": RUNNING, "lease_token": token}, values)

    def heartbeat(self, session: Session, job_id: str, token: str, lease_seconds: float) -> bool:
        return self.update(session, job_id, token, {"lease_expires_at": utcnow() + timedelta(seconds=lease_seconds)})

    def progress(self, session: Session, job_id: str, token: str, fraction: float) -> bool:
        return self.update(session, job_id, token, self._progress(min(max(fraction, 0.0), 1.0)))

    def succeed(self, session: Session, job_id: str, token: str, values: dict[str, Any] | None = None) -> bool:
        done = {"status": SUCCEEDED, "finished_at": utcnow(), **self._progress(1.0), **_released(), **(values or {})}
        return self.update(session, job_id, token, done)

    def fail(self, session: Session, job_id: str, token: str, error: str, values: dict[str, Any] | None = None) -> bool:
        failed = {"status": FAILED, "error": error, "finished_at": utcnow(), **_released(), **(values or {})}
        return self.update(session, job_id, token, failed)

    # -- the reaper ----------------------------------------------------------------------------------------------

    def reap(self, session: Session, max_attempts: int, redispatch_after_seconds: float) -> list[str]:
        """Queue again (and resend) the jobs whose lease expired, fail those lost `max_attempts` times, resend
        queued jobs not sent for `redispatch_after_seconds`. The ids of the jobs changed."""
        model, now = self.model, utcnow()
        touched: list[str] = []
        expired = session.scalars(select(model).where(model.status == RUNNING, model.lease_expires_at < now)).all()
        for job in expired:
            guard = {"status": RUNNING, "lease_token": job.lease_token}
            if job.attempts >= max_attempts:
                error = f"the worker was lost {job.attempts} times (max_attempts={max_attempts}); {self.lost_hint}"
                values: dict[str, Any] = {"status": FAILED, "error": error, "finished_at": now}
            else:
                values = {"status": QUEUED, "dispatched_at": now, **self._progress(0.0)}
            if self._update(session, job.id, guard, {**values, **_released()}):
                if values["status"] == QUEUED:
                    enqueue(session, self.task, job.id)
                touched.append(job.id)
        before = now - timedelta(seconds=redispatch_after_seconds)
        unsent = session.scalars(select(model).where(model.status == QUEUED, model.dispatched_at < before)).all()
        for job in unsent:
            # Guarded by the old send time too, so of several reapers only one resends.
            unchanged = {"status": QUEUED, "dispatched_at": job.dispatched_at}
            if self._update(session, job.id, unchanged, {"dispatched_at": now}):
                enqueue(session, self.task, job.id)
                touched.append(job.id)
        return touched

    # -- helpers -------------------------------------------------------------------------------------------------

    def _progress(self, value: float) -> dict[str, Any]:
        return {"progress": value} if self.has_progress else {}

    def _update(self, session: Session, job_id: str, where: dict[str, Any], values: dict[str, Any]) -> bool:
        """UPDATE the job SET values WHERE its id and every `where` column match; True if the row changed."""
        query = update(self.model).where(self.model.id == job_id)
        for column, expected in where.items():
            query = query.where(getattr(self.model, column) == expected)
        result = session.execute(query.values(**values).execution_options(synchronize_session=False))
        assert isinstance(result, CursorResult)
        return result.rowcount == 1


def _released() -> dict[str, Any]:
    return {"lease_token": None, "lease_expires_at": None}


def registered() -> list[LeasedJobs[Any]]:
    """Every leased job table defined so far (the worker imports every domain that has one)."""
    return list(_registry.values())
