"""An evaluation as the worker drives it, on the shared lease (backend.core.leases): claim, heartbeat, progress,
record the outcome, and the reaper's recovery of lost ones. A success also refreshes the run's recommendation."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from backend.core.leases import LeasedJobs
from backend.core.queue import EVALUATE
from backend.evals import repository
from backend.evals.service import recommend
from backend.models import Evaluation

JOBS = LeasedJobs(Evaluation, EVALUATE)


def claim(session: Session, evaluation_id: str, worker: str, lease_seconds: int) -> tuple[str, dict[str, Any]] | None:
    """(token, job) of a queued evaluation; None when there is nothing to claim."""
    claimed = JOBS.claim(session, evaluation_id, lease_seconds, worker)
    return None if claimed is None else (claimed[0], claimed[1].job)


def progress(session: Session, evaluation_id: str, token: str, fraction: float) -> bool:
    return JOBS.progress(session, evaluation_id, token, fraction)


def record_generation(session: Session, evaluation_id: str, token: str, backend: str, reason: str) -> bool:
    """Who generates the running evaluation's replies and why; False when it is no longer this execution's."""
    return JOBS.update(session, evaluation_id, token, {"generation": {"backend": backend, "reason": reason}})


def succeed(
    session: Session,
    evaluation_id: str,
    token: str,
    metrics: dict[str, float],
    results: list[dict[str, Any]],
    items_key: str,
) -> bool:
    if not JOBS.succeed(
        session, evaluation_id, token, {"metrics": metrics, "results": results, "items_key": items_key}
    ):
        return False
    evaluation = repository.get(session, evaluation_id)
    if evaluation is not None and evaluation.run_id is not None:
        session.refresh(evaluation)
        recommend(session, evaluation.run_id)
    return True


def fail(session: Session, evaluation_id: str, token: str, error: str) -> bool:
    return JOBS.fail(session, evaluation_id, token, error)
