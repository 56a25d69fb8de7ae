"""A comparison as the worker drives it: claim, heartbeat, progress, record the answers and the rating pairs, reap.

The same protocol as evaluations and exports. Celery may deliver a message twice: the claim is one conditional
update (queued → running, a fresh token and lease), so a second delivery finds nothing to claim, and only the
claiming execution can write. The worker renews the lease while candidates answer; when it dies the lease expires
and the reaper queues the study again (up to max_attempts, then failed with the reason), and a queued study whose
message was lost is sent again (duplicates claim nothing). A new execution generates every answer again: answers
are written only with the outcome, so a study never mixes two executions' answers.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from backend.comparisons import repository
from backend.comparisons.service import build_pairs
from backend.core.db import utcnow
from backend.core.queue import GENERATE_COMPARISON, enqueue
from backend.models import Comparison


def claim(session: Session, comparison_id: str, worker: str, lease_seconds: int) -> tuple[str, dict[str, Any]] | None:
    """(token, what to generate) of a queued comparison; None when there is nothing to claim."""
    token = secrets.token_hex(16)
    now = utcnow()
    values = {
        "status": "running",
        "lease_token": token,
        "lease_expires_at": now + timedelta(seconds=lease_seconds),
        "worker": worker,
        "started_at": now,
        "progress": 0.0,
        "attempts": Comparison.attempts + 1,
    }
    if not repository.conditional_update(session, comparison_id, {"status": "queued"}, values):
        return None
    comparison = repository.get(session, comparison_id)
    assert comparison is not None
    session.refresh(comparison)
    job = {
        "candidates": comparison.candidates,
        "targets": comparison.targets,
        "sampling": comparison.sampling,
        "prompts": [p["messages"] for p in comparison.prompts],
        "attempt": comparison.attempts,
    }
    return token, job


def _guarded(session: Session, comparison_id: str, token: str, values: dict[str, Any]) -> bool:
    return repository.conditional_update(session, comparison_id, {"lease_token": token, "status": "running"}, values)


def heartbeat(session: Session, comparison_id: str, token: str, lease_seconds: int) -> bool:
    """Extend the lease; False when the study is no longer this execution's."""
    return _guarded(session, comparison_id, token, {"lease_expires_at": utcnow() + timedelta(seconds=lease_seconds)})


def progress(session: Session, comparison_id: str, token: str, fraction: float) -> bool:
    return _guarded(session, comparison_id, token, {"progress": max(0.0, min(1.0, fraction))})


def succeed(session: Session, comparison_id: str, token: str, answers: dict[str, list[str]]) -> bool:
    done = {
        "status": "succeeded",
        "answers": answers,
        "progress": 1.0,
        "finished_at": utcnow(),
        "lease_token": None,
        "lease_expires_at": None,
    }
    if not _guarded(session, comparison_id, token, done):
        return False
    comparison = repository.get(session, comparison_id)
    assert comparison is not None
    session.refresh(comparison)
    build_pairs(session, comparison)
    return True


def fail(session: Session, comparison_id: str, token: str, error: str) -> bool:
    values = {
        "status": "failed",
        "error": error,
        "finished_at": utcnow(),
        "lease_token": None,
        "lease_expires_at": None,
    }
    return _guarded(session, comparison_id, token, values)


def reap(session: Session, max_attempts: int, redispatch_after_seconds: int) -> list[str]:
    """Queue again the studies whose worker died, fail those lost too often, resend lost messages."""
    now = utcnow()
    touched: list[str] = []
    for comparison in repository.expired_leases(session, now):
        guard = {"status": "running", "lease_token": comparison.lease_token}
        if comparison.attempts >= max_attempts:
            error = (
                f"the worker was lost {comparison.attempts} times (max_attempts={max_attempts}); "
                "check the worker and inference server logs"
            )
            values: dict[str, Any] = {"status": "failed", "error": error, "finished_at": now}
        else:
            values = {"status": "queued", "progress": 0.0, "dispatched_at": now}
        if repository.conditional_update(
            session, comparison.id, guard, {**values, "lease_token": None, "lease_expires_at": None}
        ):
            if values["status"] == "queued":
                enqueue(session, GENERATE_COMPARISON, comparison.id)
            touched.append(comparison.id)
    for comparison in repository.stale_dispatches(session, now - timedelta(seconds=redispatch_after_seconds)):
        unsent = {"status": "queued", "dispatched_at": comparison.dispatched_at}
        if repository.conditional_update(session, comparison.id, unsent, {"dispatched_at": now}):
            enqueue(session, GENERATE_COMPARISON, comparison.id)
            touched.append(comparison.id)
    return touched
