from __future__ import annotations

from collections.abc import Iterable

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import OpenAIJob


def add(session: Session, job: OpenAIJob) -> OpenAIJob:
    session.add(job)
    session.flush()
    return job


def for_runs(session: Session, run_ids: Iterable[str]) -> dict[str, OpenAIJob]:
    ids = list(run_ids)
    if not ids:
        return {}
    return {row.run_id: row for row in session.scalars(select(OpenAIJob).where(OpenAIJob.run_id.in_(ids)))}
