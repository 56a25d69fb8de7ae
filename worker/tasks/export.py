"""The export task: load the export by id → claim it → run the engine → record the outcome on the export.

Safe to receive twice: a second delivery finds nothing to claim. While the engine works (loading and merging
whole models can take minutes) a thread renews the lease, so the reaper re-queues the export only if this worker dies.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from backend.core.db import session_scope
from backend.core.queue import EXPORT_CHECKPOINT
from backend.core.settings import get_settings
from backend.core.storage import get_storage
from backend.exports import lifecycle
from specs.training import ResolvedTrainingSpec
from worker.celery_app import app
from worker.engine.errors import EngineError
from worker.engine.export import ParityFailed, export_checkpoint
from worker.engine.export_parity import dataset_conversations
from worker.tasks.lease import renewing, worker_name

log = logging.getLogger(__name__)


@app.task(name=EXPORT_CHECKPOINT)
def export_task(export_id: str) -> str:
    settings = get_settings()
    with session_scope() as session:
        job = lifecycle.claim(session, export_id, settings.lease_seconds, worker_name())
    if job is None:
        log.info("export %s: nothing to claim (already taken or finished)", export_id)
        return "not-claimed"

    spec = ResolvedTrainingSpec.model_validate(job.resolved_spec)
    system_prompt = spec.model.default_system_prompt
    destination = get_storage().local_path(job.storage_key)
    # (status, error, parity figures, size in bytes)
    outcome: tuple[str, str | None, dict[str, Any] | None, int | None]
    with renewing(lifecycle.JOBS, export_id, job.token, settings):
        try:
            result = export_checkpoint(
                Path(job.checkpoint_path),
                destination,
                job.kind,
                job.dtype,
                record=job.record,
                quantization=spec.quantization,
                conversations=dataset_conversations(Path(spec.dataset_path), system_prompt),
                system_prompt=system_prompt,
                trust_remote_code=spec.model.trust_remote_code,
            )
            outcome = ("succeeded", None, result.parity, result.size_bytes)
        except ParityFailed as exc:
            outcome = ("failed", str(exc), exc.parity.as_dict(), None)
        except EngineError as exc:
            outcome = ("failed", str(exc), None, None)
        except Exception as exc:
            log.exception("export %s crashed", export_id)
            outcome = ("failed", f"internal error: {type(exc).__name__}: {exc}", None, None)

    status, reason, parity, size = outcome
    with session_scope() as session:
        if status == "succeeded":
            recorded = lifecycle.succeed(session, job, size or 0, parity)
        else:
            recorded = lifecycle.fail(session, job, reason or "", parity)
    if not recorded:
        log.warning("export %s: lease lost before the outcome was recorded", export_id)
    return status
