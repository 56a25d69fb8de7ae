"""The export task: load the export by id → claim it → run the engine → record the outcome on the export.

Safe to receive twice: a second delivery finds nothing to claim. While the engine works (loading and merging
whole models can take minutes) a thread renews the lease, so the reaper re-queues the export only if this worker dies.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from backend.core.db import session_scope
from backend.core.queue import EXPORT_CHECKPOINT
from backend.core.settings import Settings, get_settings
from backend.core.storage import get_storage
from backend.exports import lifecycle
from backend.exports.lifecycle import ExportJob
from specs.training import ResolvedTrainingSpec
from worker.celery_app import app
from worker.engine.errors import EngineError
from worker.engine.export import ParityFailed, export_checkpoint
from worker.engine.export_parity import dataset_conversations

log = logging.getLogger(__name__)


@contextmanager
def heartbeating(job: ExportJob, settings: Settings) -> Iterator[None]:
    stop = threading.Event()

    def beat() -> None:
        while not stop.wait(settings.heartbeat_seconds):
            try:
                with session_scope() as session:
                    if not lifecycle.heartbeat(session, job, settings.lease_seconds):
                        return  # the export is no longer ours; the outcome write will find that out too
            except Exception:
                log.exception("export %s: heartbeat failed; retrying", job.export_id)

    thread = threading.Thread(target=beat, name=f"heartbeat-{job.export_id}", daemon=True)
    thread.start()
    try:
        yield
    finally:
        stop.set()
        thread.join()


@app.task(name=EXPORT_CHECKPOINT)
def export_task(export_id: str) -> str:
    settings = get_settings()
    with session_scope() as session:
        job = lifecycle.claim(session, export_id, settings.lease_seconds)
    if job is None:
        log.info("export %s: nothing to claim (already taken or finished)", export_id)
        return "not-claimed"

    spec = ResolvedTrainingSpec.model_validate(job.resolved_spec)
    system_prompt = spec.model.default_system_prompt
    destination = get_storage().local_path(job.storage_key)
    # (status, error, parity figures, size in bytes)
    outcome: tuple[str, str | None, dict[str, Any] | None, int | None]
    with heartbeating(job, settings):
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
