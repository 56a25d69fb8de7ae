"""The comparison task: claim the study by id → every candidate answers every prompt through the inference server
→ record the answers and the rating pairs.

A CPU-queue task rather than the API process: a study is prompts × candidates generations (minutes on CPU), which
would hold an API worker thread that long and be lost with an API restart; the model work itself is the inference
server's, so no GPU worker is taken. The lease is renewed in the background while answers come, so a worker that
dies mid-study is noticed by the reaper and another worker generates the study again.
"""

from __future__ import annotations

import logging
from typing import Any

from backend.comparisons import lifecycle
from backend.comparisons.service import JOBS
from backend.core.db import session_scope
from backend.core.errors import DomainError
from backend.core.queue import GENERATE_COMPARISON
from backend.core.settings import get_settings
from backend.serving.client import get_inference_client
from backend.serving.service import ServingTarget, ensure_served
from worker.celery_app import app
from worker.tasks.lease import renewing, worker_name

log = logging.getLogger(__name__)


class LeaseLost(Exception):
    """The study is no longer this execution's (reaped after a stall, or finished elsewhere)."""


def _answer(target: ServingTarget, messages: list[dict[str, Any]], sampling: dict[str, Any]) -> str:
    body = {"model": target.served_name, "messages": messages, **{k: v for k, v in sampling.items() if v is not None}}
    reply = get_inference_client().complete("/v1/chat/completions", body)
    return str(reply["choices"][0]["message"]["content"] or "")


def _generate(comparison_id: str, token: str, job: dict[str, Any]) -> dict[str, list[str]]:
    total = len(job["candidates"]) * len(job["prompts"])
    answers: dict[str, list[str]] = {}
    for name, spec in zip(job["candidates"], job["targets"], strict=True):
        target = ServingTarget(spec["served_name"], spec["path"], spec["is_adapter"])
        ensure_served(get_inference_client(), target)
        answers[name] = []
        for messages in job["prompts"]:
            answers[name].append(_answer(target, messages, job["sampling"]))
            done = sum(len(a) for a in answers.values())
            with session_scope() as session:
                if not lifecycle.progress(session, comparison_id, token, done / total):
                    raise LeaseLost(comparison_id)
    return answers


@app.task(name=GENERATE_COMPARISON)
def generate(comparison_id: str) -> str:
    settings = get_settings()
    with session_scope() as session:
        claimed = lifecycle.claim(session, comparison_id, worker_name(), settings.lease_seconds)
    if claimed is None:
        log.info("comparison %s: nothing to claim (already taken or finished)", comparison_id)
        return "not-claimed"
    token, job = claimed
    log.info("comparison %s: attempt %s generating on %s", comparison_id, job["attempt"], worker_name())

    try:
        with renewing(JOBS, comparison_id, token, settings):
            answers = _generate(comparison_id, token, job)
    except LeaseLost:
        log.warning("comparison %s: lease lost; another execution owns the study now", comparison_id)
        return "lease-lost"
    except DomainError as exc:  # the inference server refused or is unreachable: say so on the study
        error = exc.detail
    except Exception as exc:
        log.exception("comparison %s crashed", comparison_id)
        error = f"internal error: {type(exc).__name__}: {exc}"
    else:
        with session_scope() as session:
            lifecycle.succeed(session, comparison_id, token, answers)
        return "succeeded"
    with session_scope() as session:
        lifecycle.fail(session, comparison_id, token, error)
    return "failed"
