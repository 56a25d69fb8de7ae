"""The export job as the worker drives it, on the shared lease (backend.core.leases): claim (with what the export
records about its checkpoint), heartbeat, record the outcome; the reaper queues again an export whose worker died."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy.orm import Session

from backend.core.leases import LeasedJobs
from backend.core.queue import EXPORT_CHECKPOINT
from backend.exports import repository
from backend.models import Export
from specs.export import ExportDtype, ExportKind

JOBS = LeasedJobs(Export, EXPORT_CHECKPOINT)


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


def claim(session: Session, export_id: str, lease_seconds: int, worker: str | None = None) -> ExportJob | None:
    """Take a queued export; None when there is nothing to claim (taken elsewhere, finished or unknown)."""
    claimed = JOBS.claim(session, export_id, lease_seconds, worker)
    if claimed is None:
        return None
    token, export = claimed
    path, spec, record = _record(session, export)
    # The columns only ever hold values ExportCreate validated.
    kind, dtype = cast(ExportKind, export.kind), cast(ExportDtype, export.dtype)
    return ExportJob(export.id, token, kind, dtype, path, spec, record)


def succeed(session: Session, job: ExportJob, size_bytes: int, parity: dict[str, Any] | None) -> bool:
    values = {"storage_key": job.storage_key, "size_bytes": size_bytes, "parity": parity}
    return JOBS.succeed(session, job.export_id, job.token, values)


def fail(session: Session, job: ExportJob, reason: str, parity: dict[str, Any] | None = None) -> bool:
    return JOBS.fail(session, job.export_id, job.token, reason, {"parity": parity})
