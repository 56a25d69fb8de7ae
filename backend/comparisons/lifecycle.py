"""A comparison as the worker drives it: claim (queued → running with a token), record answers as they come, then
the rating pairs; only the claiming execution writes, so a redelivered message changes nothing."""

from __future__ import annotations

import secrets
from typing import Any

from sqlalchemy.orm import Session

from backend.comparisons import repository
from backend.comparisons.service import build_pairs
from backend.core.db import utcnow


def claim(session: Session, comparison_id: str) -> tuple[str, dict[str, Any]] | None:
    """(token, what to generate) of a queued comparison; None when there is nothing to claim."""
    token = secrets.token_hex(16)
    if not repository.conditional_update(
        session, comparison_id, {"status": "queued"}, {"status": "running", "lease_token": token}
    ):
        return None
    comparison = repository.get(session, comparison_id)
    assert comparison is not None
    job = {
        "candidates": comparison.candidates,
        "targets": comparison.targets,
        "sampling": comparison.sampling,
        "prompts": [p["messages"] for p in comparison.prompts],
    }
    return token, job


def _guarded(session: Session, comparison_id: str, token: str, values: dict[str, Any]) -> bool:
    return repository.conditional_update(session, comparison_id, {"lease_token": token, "status": "running"}, values)


def progress(session: Session, comparison_id: str, token: str, fraction: float) -> bool:
    return _guarded(session, comparison_id, token, {"progress": max(0.0, min(1.0, fraction))})


def succeed(session: Session, comparison_id: str, token: str, answers: dict[str, list[str]]) -> bool:
    done = {"status": "succeeded", "answers": answers, "progress": 1.0, "finished_at": utcnow(), "lease_token": None}
    if not _guarded(session, comparison_id, token, done):
        return False
    comparison = repository.get(session, comparison_id)
    assert comparison is not None
    session.refresh(comparison)
    build_pairs(session, comparison)
    return True


def fail(session: Session, comparison_id: str, token: str, error: str) -> bool:
    values = {"status": "failed", "error": error, "finished_at": utcnow(), "lease_token": None}
    return _guarded(session, comparison_id, token, values)
