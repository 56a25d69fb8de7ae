"""Materialise a mixture on the CPU queue: claim it, write its records, record the dataset it became."""

from __future__ import annotations

import logging
from pathlib import Path

from backend.core.db import session_scope
from backend.core.queue import MATERIALISE_MIXTURE
from backend.core.settings import get_settings
from backend.core.storage import get_storage
from backend.mixtures import service
from worker.celery_app import app
from worker.engine.data.mixing import materialise

log = logging.getLogger(__name__)


@app.task(name=MATERIALISE_MIXTURE)
def materialise_mixture(mixture_id: str) -> str:
    settings, storage = get_settings(), get_storage()
    with session_scope() as session:
        job = service.claim(session, storage, mixture_id, stale_after_seconds=settings.lease_seconds)
    if job is None:
        return "not-queued"
    staged = storage.staging_dir() / f"{job.mixture_id}.jsonl"

    def progress(value: float) -> None:
        with session_scope() as session:
            service.record_progress(session, job, value)

    try:
        sources = [(Path(path), records, take) for path, records, take in job.sources]
        records, size, sha256 = materialise(sources, job.seed, staged, progress)
        storage.import_file(job.destination_key, staged)
    except OSError as exc:
        with session_scope() as session:
            service.failed(session, job, f"the mixture could not be written: {exc}")
        return "failed"
    except Exception as exc:
        log.exception("mixture %s failed", mixture_id)
        with session_scope() as session:
            service.failed(session, job, f"internal error ({type(exc).__name__}); see the worker log")
        return "failed"
    finally:
        staged.unlink(missing_ok=True)
    with session_scope() as session:
        done = service.succeeded(session, job, sha256=sha256, records=records, size_bytes=size)
    if not done:  # the claim was lost: another worker writes its own dataset; this file belongs to no row
        storage.delete(f"datasets/{job.dataset_id}")
    return "succeeded" if done else "lost"
