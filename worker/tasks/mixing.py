"""Materialise a mixture on the CPU queue: claim it, write its records, record the dataset it became."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from backend.core.db import session_scope
from backend.core.queue import MATERIALISE_MIXTURE
from backend.core.settings import get_settings
from backend.core.storage import get_storage
from backend.mixtures import service
from backend.mixtures.service import SourceJob
from worker.celery_app import app
from worker.engine.data.conversation_text import ToText, chat_text_renderer, plain_text
from worker.engine.data.mixing import MixSource, materialise
from worker.engine.data.templates import resolve_chat_template
from worker.engine.errors import EngineError
from worker.tasks.lease import renewing, worker_name
from worker.tasks.preview import cached_tokenizer

log = logging.getLogger(__name__)


def _to_text(render: dict[str, Any] | None) -> ToText | None:
    """How a conversation source becomes text: the model's template exactly as training resolves it, or plain."""
    if render is None:
        return None
    if render["style"] == "plain":
        return plain_text
    tokenizer = cached_tokenizer(render["model_path"])
    template, _ = resolve_chat_template(tokenizer, render["family_template"])
    return chat_text_renderer(tokenizer, chat_template=template, default_system_prompt=render["default_system_prompt"])


def _source(source: SourceJob) -> MixSource:
    return MixSource(Path(source.path), source.records, source.take, source.name, _to_text(source.render))


@app.task(name=MATERIALISE_MIXTURE)
def materialise_mixture(mixture_id: str) -> str:
    settings, storage = get_settings(), get_storage()
    with session_scope() as session:
        job = service.claim(session, storage, mixture_id, settings.lease_seconds, worker_name())
    if job is None:
        return "not-queued"
    staged = storage.staging_dir() / f"{job.mixture_id}.jsonl"

    def progress(value: float) -> None:
        with session_scope() as session:
            service.record_progress(session, job, value)

    try:
        sources = [_source(source) for source in job.sources]
        with renewing(service.JOBS, job.mixture_id, job.token, settings):
            records, size, sha256 = materialise(sources, job.seed, staged, progress)
        storage.import_file(job.destination_key, staged)
    except (EngineError, ValueError, OSError) as exc:  # a record that cannot be rendered, a model that cannot load
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
