"""An evaluation as the worker drives it: claim, progress, record the outcome; every write guarded by the claim.

Celery may deliver a message twice: the claim is one conditional update (queued → running, a fresh token), so a
second delivery finds nothing to claim, and only the claiming execution can write the result.
"""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy.orm import Session

from backend.core.db import utcnow
from backend.evals import repository
from backend.evals.service import recommend


def claim(session: Session, evaluation_id: str, worker: str) -> tuple[str, dict[str, Any]] | None:
    """(token, job) of a queued evaluation; None when there is nothing to claim."""
    token = secrets.token_hex(16)
    values = {"status": "running", "lease_token": token, "worker": worker, "started_at": utcnow()}
    if not repository.conditional_update(session, evaluation_id, {"status": "queued"}, values):
        return None
    evaluation = repository.get(session, evaluation_id)
    assert evaluation is not None
    return token, evaluation.job


def _guarded(session: Session, evaluation_id: str, token: str, values: dict[str, Any]) -> bool:
    return repository.conditional_update(session, evaluation_id, {"lease_token": token, "status": "running"}, values)


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
    }
    if not _guarded(session, evaluation_id, token, values):
        return False
    evaluation = repository.get(session, evaluation_id)
    if evaluation is not None and evaluation.run_id is not None:
        session.refresh(evaluation)
        recommend(session, evaluation.run_id)
    return True


def fail(session: Session, evaluation_id: str, token: str, error: str) -> bool:
    values = {"status": "failed", "error": error, "finished_at": utcnow(), "lease_token": None}
    return _guarded(session, evaluation_id, token, values)
