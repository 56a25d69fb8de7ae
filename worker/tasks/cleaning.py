"""Clean a dataset version on the CPU queue: claim it, filter the parent's records into a new file, record it."""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from backend.core.db import session_scope
from backend.core.queue import CLEAN_DATASET
from backend.core.settings import get_settings
from backend.core.storage import get_storage
from backend.versions import service
from backend.versions.service import CleaningJob
from worker.celery_app import app
from worker.engine.data.cleaning import CleaningOptions, Lengths, clean
from worker.engine.data.profiling.tokens import CONVERSATION_KINDS, TokenCounter
from worker.engine.data.templates import resolve_chat_template
from worker.engine.errors import EngineError
from worker.tasks.lease import renewing, worker_name
from worker.tasks.preview import cached_tokenizer
from worker.tasks.progress import ThrottledProgress

log = logging.getLogger(__name__)


def _token_lengths(job: CleaningJob) -> Lengths:
    assert job.model_path is not None
    tokenizer = cached_tokenizer(job.model_path)
    template = resolve_chat_template(tokenizer, job.family_template)[0] if job.kind in CONVERSATION_KINDS else None
    counter = TokenCounter(tokenizer, job.kind, chat_template=template, default_system_prompt=job.default_system_prompt)

    def lengths(records: Sequence[Mapping[str, Any]]) -> list[int]:
        return [c.total for c in counter.count(records)]

    return lengths


def _options(job: CleaningJob) -> CleaningOptions:
    fields = set(CleaningOptions.__dataclass_fields__) - {"listed"}
    return CleaningOptions(**{k: v for k, v in job.options.items() if k in fields})


@app.task(name=CLEAN_DATASET)
def clean_version(version_id: str) -> str:
    settings, storage = get_settings(), get_storage()
    with session_scope() as session:
        job = service.claim(session, storage, version_id, settings.lease_seconds, worker_name())
    if job is None:
        return "not-queued"
    staged = storage.staging_dir() / f"{job.version_id}.jsonl"
    try:
        options = _options(job)
        lengths = _token_lengths(job) if options.length_unit == "tokens" else None
        with renewing(service.JOBS, job.version_id, job.token, settings):
            result = clean(
                Path(job.source_path),
                job.kind,
                options,
                staged,
                lengths=lengths,
                expected_records=job.records,
                progress=ThrottledProgress(lambda s, value: service.record_progress(s, job, value), "cleaning"),
            )
        storage.import_file(job.destination_key, staged)
    except (EngineError, ValueError, OSError) as exc:
        with session_scope() as session:
            service.failed(session, job, f"the cleaning could not be computed: {exc}")
        return "failed"
    except Exception as exc:
        log.exception("cleaning %s failed", version_id)
        with session_scope() as session:
            service.failed(session, job, f"internal error ({type(exc).__name__}); see the worker log")
        return "failed"
    finally:
        staged.unlink(missing_ok=True)
    with session_scope() as session:
        done = service.succeeded(
            session,
            job,
            sha256=result.sha256,
            records=result.records_after,
            size_bytes=result.size_bytes,
            result=result.as_dict(),
        )
    if not done:  # another worker took it over meanwhile; its file is the same (deterministic), so keep it
        log.info("cleaning %s was finished by another worker", version_id)
    return "succeeded"
