"""Compute a dataset's data report on the CPU queue: claim it, profile the records, record the result."""

from __future__ import annotations

import logging
from pathlib import Path

from backend.core.db import session_scope
from backend.core.queue import DATASET_REPORT
from backend.core.settings import get_settings
from backend.core.storage import get_storage
from backend.reports import service
from backend.reports.service import ReportJob
from worker.celery_app import app
from worker.engine.data.profiling.report import ReportOptions, build_report
from worker.engine.data.profiling.tokens import CONVERSATION_KINDS, TokenCounter
from worker.engine.data.templates import resolve_chat_template
from worker.engine.errors import EngineError
from worker.tasks.lease import renewing, worker_name
from worker.tasks.preview import cached_tokenizer
from worker.tasks.progress import ThrottledProgress

log = logging.getLogger(__name__)


def _compute(job: ReportJob) -> dict[str, object]:
    tokenizer = cached_tokenizer(job.model_path)
    template = resolve_chat_template(tokenizer, job.family_template)[0] if job.kind in CONVERSATION_KINDS else None
    counter = TokenCounter(tokenizer, job.kind, chat_template=template, default_system_prompt=job.default_system_prompt)
    options = ReportOptions(max_length=job.max_length, near_duplicate_threshold=job.near_duplicate_threshold)
    compare = (Path(job.compare_path), job.compare_kind or "") if job.compare_path else None
    return build_report(
        Path(job.dataset_path),
        job.kind,
        counter,
        options,
        compare=compare,
        expected_records=(job.records, job.compare_records),
        progress=ThrottledProgress(lambda session, value: service.record_progress(session, job, value), "report"),
    )


@app.task(name=DATASET_REPORT)
def compute_report(report_id: str) -> str:
    settings = get_settings()
    with session_scope() as session:
        job = service.claim(session, get_storage(), report_id, settings.lease_seconds, worker_name())
    if job is None:
        return "not-queued"
    try:
        with renewing(service.JOBS, job.report_id, job.token, settings):
            result = _compute(job)
    except (EngineError, ValueError, OSError) as exc:
        with session_scope() as session:
            service.failed(session, job, f"the report could not be computed: {exc}")
        return "failed"
    except Exception as exc:
        log.exception("report %s failed", report_id)
        with session_scope() as session:
            service.failed(session, job, f"internal error ({type(exc).__name__}); see the worker log")
        return "failed"
    with session_scope() as session:
        service.succeeded(session, job, result)
    return "succeeded"
