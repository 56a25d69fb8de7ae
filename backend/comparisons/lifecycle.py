"""A comparison as the worker drives it, on the shared lease (backend.core.leases): claim, heartbeat, progress,
record the answers and the rating pairs; the reaper queues again a study whose worker died.

A new execution generates every answer again: answers are written only with the outcome, so a study never mixes
two executions' answers.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.comparisons import repository
from backend.comparisons.service import JOBS, build_pairs


def claim(session: Session, comparison_id: str, worker: str, lease_seconds: int) -> tuple[str, dict[str, Any]] | None:
    """(token, what to generate) of a queued comparison; None when there is nothing to claim."""
    claimed = JOBS.claim(session, comparison_id, lease_seconds, worker)
    if claimed is None:
        return None
    token, comparison = claimed
    job = {
        "candidates": comparison.candidates,
        "targets": comparison.targets,
        "sampling": comparison.sampling,
        "prompts": [p["messages"] for p in comparison.prompts],
        "attempt": comparison.attempts,
    }
    return token, job


def progress(session: Session, comparison_id: str, token: str, fraction: float) -> bool:
    return JOBS.progress(session, comparison_id, token, fraction)


def succeed(session: Session, comparison_id: str, token: str, answers: dict[str, list[str]]) -> bool:
    if not JOBS.succeed(session, comparison_id, token, {"answers": answers}):
        return False
    comparison = repository.get(session, comparison_id)
    assert comparison is not None
    session.refresh(comparison)
    build_pairs(session, comparison)
    return True


def fail(session: Session, comparison_id: str, token: str, error: str) -> bool:
    return JOBS.fail(session, comparison_id, token, error)
