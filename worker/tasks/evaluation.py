"""The evaluation task: claim the evaluation by id → run the engine → record metrics, items and the recommendation.

Safe to receive twice: a second delivery finds nothing to claim.
"""

from __future__ import annotations

import json
import logging
import socket
import time
from contextlib import AbstractContextManager

from backend.core.db import session_scope
from backend.core.queue import EVALUATE
from backend.core.settings import Settings, get_settings
from backend.core.storage import get_storage
from backend.evals import lifecycle, reference_cache
from specs.evaluation import EvaluationJob
from worker.celery_app import app
from worker.engine.errors import EngineError
from worker.engine.evaluation.evaluate import run_evaluation
from worker.tasks.lease import heartbeating

log = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 1.0


def _heartbeating(evaluation_id: str, token: str, settings: Settings) -> AbstractContextManager[None]:
    def renew() -> bool:
        with session_scope() as session:
            return lifecycle.heartbeat(session, evaluation_id, token, settings.lease_seconds)

    return heartbeating(evaluation_id, renew, settings.heartbeat_seconds)


@app.task(name=EVALUATE)
def evaluate(evaluation_id: str) -> str:
    settings = get_settings()
    worker_name = f"{socket.gethostname()}:{app.conf.get('worker_name', 'worker')}"
    with session_scope() as session:
        claimed = lifecycle.claim(session, evaluation_id, worker_name, settings.lease_seconds)
    if claimed is None:
        log.info("evaluation %s: nothing to claim (already taken or finished)", evaluation_id)
        return "not-claimed"
    token, job = claimed
    last = 0.0

    def progress(fraction: float, _: str) -> None:
        nonlocal last
        if time.monotonic() - last >= PROGRESS_EVERY_SECONDS:  # a write per batch would flood the database
            last = time.monotonic()
            with session_scope() as session:
                lifecycle.progress(session, evaluation_id, token, fraction)

    try:
        spec = EvaluationJob.model_validate(job)
        keys = reference_cache.keys_for(spec)
        with session_scope() as session:
            cached = reference_cache.lookup(session, keys)
        if keys:
            log.info(
                "evaluation %s: reference results cached for %d of %d general set(s)%s",
                evaluation_id,
                len(cached),
                len(keys),
                "; the reference model is not loaded" if len(cached) == len(keys) else "",
            )
        with _heartbeating(evaluation_id, token, settings):
            outcome = run_evaluation(spec, progress, cached)
    except (EngineError, FileNotFoundError, ValueError) as exc:  # unusable sets or model: the user's to fix
        error = str(exc)
    except Exception as exc:
        log.exception("evaluation %s crashed", evaluation_id)
        error = f"internal error: {type(exc).__name__}: {exc}"
    else:
        items_key = f"evaluations/{evaluation_id}/items.jsonl"
        path = get_storage().local_path(items_key)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("".join(json.dumps(item) + "\n" for item in outcome.items), encoding="utf-8")
        with session_scope() as session:
            if lifecycle.succeed(session, evaluation_id, token, outcome.summary, outcome.sets, items_key):
                for dataset_id, (metrics, items) in outcome.reference_scored.items():
                    reference_cache.store(session, keys[dataset_id], metrics, items)
        return "succeeded"
    with session_scope() as session:
        lifecycle.fail(session, evaluation_id, token, error)
    return "failed"
