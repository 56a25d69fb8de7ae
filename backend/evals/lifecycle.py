"""An evaluation as the worker drives it: claim, heartbeat, progress, record the outcome, and reap lost ones.

Celery may deliver a message twice: the claim is one conditional update (queued → running, a fresh token and lease),
so a second delivery finds nothing to claim, and only the claiming execution can write. A worker renews the lease
while it scores; when a worker dies its lease expires and the reaper queues the evaluation again (up to
max_attempts), and a queued evaluation whose message was lost is sent again (duplicates claim nothing).
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from backend.core.db import utcnow
from backend.core.queue import EVALUATE, enqueue
from backend.evals import repository
from backend.evals.service import recommend
from backend.models import Evaluation


def claim(session: Session, evaluation_id: str, worker: str, lease_seconds: int) -> tuple[str, dict[str, Any]] | None:
    """(token, job) of a queued evaluation; None when there is nothing to claim."""
    token = secrets.token_hex(16)
    now = utcnow()
    values = {
        "status": "running",
        "lease_token": token,
        "lease_expires_at": now + timedelta(seconds=lease_seconds),
        "worker": worker,
        "started_at": now,
        "attempts": Evaluation.attempts + 1,
    }
    if not repository.conditional_update(session, evaluation_id, {"status": "queued"}, values):
        return None
    evaluation = repository.get(session, evaluation_id)
    assert evaluation is not None
    return token, evaluation.job


def _guarded(session: Session, evaluation_id: str, token: str, values: dict[str, Any]) -> bool:
    return repository.conditional_update(session, evaluation_id, {"lease_token": token, "status": "running"}, values)


def heartbeat(session: Session, evaluation_id: str, token: str, lease_seconds: int) -> bool:
    """Extend the lease; False when the evaluation is no longer this execution's."""
    return _guarded(session, evaluation_id, token, {"lease_expires_at": utcnow() + timedelta(seconds=lease_seconds)})


def progress(session: Session, evaluation_id: str, token: str, fraction: float) -> bool:
    return _guarded(session, evaluation_id, token, {"progress": max(0.0, min(1.0, fraction))})


def succeed(
    session: Session,
    evaluation_id: str,
    token: str,
    metrics: dict[str, float],
    results: list[dict[str, Any]],
    items_key: str,
) -> bool:
    values = {
        "status": "succeeded",
        "progress": 1.0,
        "metrics": metrics,
        "results": results,
        "items_key": items_key,
        "finished_at": utcnow(),
        "lease_token": None,
        "lease_expires_at": None,
    }
    if not _guarded(session, evaluation_id, token, values):
        return False
    evaluation = repository.get(session, evaluation_id)
    if evaluation is not None and evaluation.run_id is not None:
        session.refresh(evaluation)
        recommend(session, evaluation.run_id)
    return True


def fail(session: Session, evaluation_id: str, token: str, error: str) -> bool:
    values = {
        "status": "failed",
        "error": error,
        "finished_at": utcnow(),
        "lease_token": None,
        "lease_expires_at": None,
    }
    return _guarded(session, evaluation_id, token, values)


def reap(session: Session, max_attempts: int, redispatch_after_seconds: int) -> list[str]:
    """Queue again the evaluations whose worker died, fail those lost too often, resend lost messages."""
    now = utcnow()
    touched: list[str] = []
    for evaluation in repository.expired_leases(session, now):
        guard = {"status": "running", "lease_token": evaluation.lease_token}
        if evaluation.attempts >= max_attempts:
            error = (
                f"the worker was lost {evaluation.attempts} times (max_attempts={max_attempts}); check the worker logs"
            )
            values: dict[str, Any] = {"status": "failed", "error": error, "finished_at": now, "lease_token": None}
            repository.conditional_update(session, evaluation.id, guard, values)
        else:
            values = {"status": "queued", "lease_token": None, "lease_expires_at": None, "dispatched_at": now}
            if repository.conditional_update(session, evaluation.id, guard, values):
                enqueue(session, EVALUATE, evaluation.id)
        touched.append(evaluation.id)
    for evaluation in repository.stale_dispatches(session, now - timedelta(seconds=redispatch_after_seconds)):
        if repository.conditional_update(session, evaluation.id, {"status": "queued"}, {"dispatched_at": now}):
            enqueue(session, EVALUATE, evaluation.id)
            touched.append(evaluation.id)
    return touched
