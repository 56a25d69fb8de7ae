"""The export job as the worker drives it: claim, heartbeat, record the outcome (guarded by the lease), reap.

As with runs, Celery may deliver a message twice: the claim is one conditional update, so a second delivery finds
nothing to do, and a worker that lost its lease can no longer change the row.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any, cast

from sqlalchemy.orm import Session

from backend.core.db import utcnow
from backend.core.queue import EXPORT_CHECKPOINT, enqueue
from backend.exports import repository
from backend.models import Export, ExportStatus
from specs.export import ExportDtype, ExportKind


@dataclass(frozen=True)
class ExportJob:
    export_id: str
    token: str
    kind: ExportKind
    dtype: ExportDtype
    checkpoint_path: str
    resolved_spec: dict[str, Any]
    record: dict[str, Any]  # what made the checkpoint: run, step, data version, resolved spec

    @property
    def storage_key(self) -> str:
        return f"exports/{self.export_id}"


def _record(session: Session, export: Export) -> tuple[str, dict[str, Any], dict[str, Any]]:
    found = repository.checkpoint_and_run(session, export.checkpoint_id)
    assert found is not None, "an export's checkpoint and run exist (cascading deletes)"
    checkpoint, run = found
    dataset = repository.dataset(session, run.dataset_id)
    record = {
        "export_id": export.id,
        "run_id": run.id,
        "run_name": run.name,
        "checkpoint_id": checkpoint.id,
        "checkpoint_step": checkpoint.step,
        "checkpoint_metrics": checkpoint.metrics,
        "model": run.model_name,
        "stage": run.stage,
        "method": run.method,
        "dataset": {
            "id": run.dataset_id,
            "name": dataset.name if dataset else None,
            # The data version trained on: its records' hash (the upload's, for runs from before versions).
            "version_id": run.resolved_spec.get("dataset_version_id"),
            "sha256": run.resolved_spec.get("dataset_sha256") or (dataset.sha256 if dataset else None),
            "records": run.resolved_spec.get("dataset_records") or (dataset.record_count if dataset else None),
        },
        "resolved_spec": run.resolved_spec,
    }
    return checkpoint.path, run.resolved_spec, record


def claim(session: Session, export_id: str, lease_seconds: int) -> ExportJob | None:
    """Take a queued export; None when there is nothing to claim (taken elsewhere, finished or unknown)."""
    export = repository.get(session, export_id)
    if export is None:
        return None
    token = secrets.token_hex(16)
    now = utcnow()
    claimed = repository.conditional_update(
        session,
        export_id,
        {"status": ExportStatus.queued},
        {
            "status": ExportStatus.running,
            "lease_token": token,
            "lease_expires_at": now + timedelta(seconds=lease_seconds),
            "attempts": export.attempts + 1,
            "started_at": now,
        },
    )
    if not claimed:
        return None
    path, spec, record = _record(session, export)
    # The columns only ever hold values ExportCreate validated.
    kind, dtype = cast(ExportKind, export.kind), cast(ExportDtype, export.dtype)
    return ExportJob(export.id, token, kind, dtype, path, spec, record)


def _guarded(session: Session, job: ExportJob, values: dict[str, Any]) -> bool:
    where = {"lease_token": job.token, "status": ExportStatus.running}
    return repository.conditional_update(session, job.export_id, where, values)


def heartbeat(session: Session, job: ExportJob, lease_seconds: int) -> bool:
    return _guarded(session, job, {"lease_expires_at": utcnow() + timedelta(seconds=lease_seconds)})


def succeed(session: Session, job: ExportJob, size_bytes: int, parity: dict[str, Any] | None) -> bool:
    values = {
        "status": ExportStatus.succeeded,
        "storage_key": job.storage_key,
        "size_bytes": size_bytes,
        "parity": parity,
        "finished_at": utcnow(),
        "lease_token": None,
        "lease_expires_at": None,
    }
    return _guarded(session, job, values)


def fail(session: Session, job: ExportJob, reason: str, parity: dict[str, Any] | None = None) -> bool:
    values = {
        "status": ExportStatus.failed,
        "error": reason,
        "parity": parity,
        "finished_at": utcnow(),
        "lease_token": None,
        "lease_expires_at": None,
    }
    return _guarded(session, job, values)


def reap(session: Session, max_attempts: int, redispatch_after_seconds: int) -> list[str]:
    """Re-queue exports whose worker died (lease expired), or fail them after max_attempts executions; send queued
    exports whose message may be lost again. Safe from several workers at once: each change is conditional."""
    now = utcnow()
    touched: list[str] = []
    for export in repository.expired_leases(session, now):
        guard = {"status": ExportStatus.running, "lease_token": export.lease_token}
        if export.attempts >= max_attempts:
            error = f"the worker was lost {export.attempts} times (max_attempts={max_attempts}); check the worker logs"
            values: dict[str, Any] = {"status": ExportStatus.failed, "error": error, "finished_at": now}
        else:
            values = {"status": ExportStatus.queued, "dispatched_at": now}
        if repository.conditional_update(session, export.id, guard, {**values, "lease_token": None}):
            if values["status"] == ExportStatus.queued:
                enqueue(session, EXPORT_CHECKPOINT, export.id)
            touched.append(export.id)
    for export in repository.stale_dispatches(session, now - timedelta(seconds=redispatch_after_seconds)):
        unsent: dict[str, Any] = {"status": ExportStatus.queued, "dispatched_at": export.dispatched_at}
        if repository.conditional_update(session, export.id, unsent, {"dispatched_at": now}):
            enqueue(session, EXPORT_CHECKPOINT, export.id)
            touched.append(export.id)
    return touched
