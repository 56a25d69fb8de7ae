"""The evaluation task: claim the evaluation by id → choose who generates replies (inference service or in process)
→ run the engine → record metrics, items and the recommendation.

Safe to receive twice: a second delivery finds nothing to claim.
"""

from __future__ import annotations

import json
import logging
import time

from backend.core.db import session_scope
from backend.core.errors import DomainError
from backend.core.queue import EVALUATE
from backend.core.settings import get_settings
from backend.core.storage import get_storage
from backend.evals import lifecycle, reference_cache
from backend.serving.client import get_inference_client
from specs.evaluation import EvaluationJob
from worker.celery_app import app
from worker.engine.errors import EngineError
from worker.engine.evaluation.evaluate import run_evaluation
from worker.tasks import eval_generation
from worker.tasks.lease import renewing, worker_name

log = logging.getLogger(__name__)
PROGRESS_EVERY_SECONDS = 1.0


@app.task(name=EVALUATE)
def evaluate(evaluation_id: str) -> str:
    settings = get_settings()
    with session_scope() as session:
        claimed = lifecycle.claim(session, evaluation_id, worker_name(), settings.lease_seconds)
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
        # vLLM batches concurrent requests; the CPU server would only split the same cores between them.
        concurrency = spec.batch_size if settings.inference_url else 1

        def fell_back(reason: str) -> None:
            log.warning("evaluation %s: %s", evaluation_id, reason)
            with session_scope() as session:
                lifecycle.record_generation(session, evaluation_id, token, "in_process", reason)

        choice = eval_generation.choose(
            spec,
            get_inference_client(),
            reference=len(cached) < len(keys),
            concurrency=concurrency,
            on_fallback=fell_back,
        )
        if choice is not None:
            log.info("evaluation %s: replies generated %s (%s)", evaluation_id, choice.backend, choice.reason)
            with session_scope() as session:
                lifecycle.record_generation(session, evaluation_id, token, choice.backend, choice.reason)
        with renewing(lifecycle.JOBS, evaluation_id, token, settings):
            outcome = run_evaluation(spec, progress, cached, choice.replies if choice is not None else None)
    except (EngineError, FileNotFoundError, ValueError) as exc:  # unusable sets or model: the user's to fix
        error = str(exc)
    except DomainError as exc:  # the inference service refused or is unreachable: say so on the evaluation
        error = exc.detail
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
