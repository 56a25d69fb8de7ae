from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from sqlalchemy import CursorResult, select, update
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import Run, RunEvent, RunStatus


def get_visible(session: Session, run_id: str, principal: Principal) -> Run | None:
    return session.scalar(select(Run).where(Run.id == run_id, in_scope(Run.project_id, principal)))


def get(session: Session, run_id: str) -> Run | None:
    return session.get(Run, run_id)


def list_visible(
    session: Session, principal: Principal, project_id: str | None, cursor: str | None, limit: int, status: str | None
) -> Sequence[Run]:
    query = select(Run).where(in_scope(Run.project_id, principal))
    if project_id is not None:
        query = query.where(Run.project_id == project_id)
    if status:
        query = query.where(Run.status == status)
    if cursor:
        query = query.where(Run.id < cursor)
    return session.scalars(query.order_by(Run.id.desc()).limit(limit)).all()


def conditional_update(session: Session, run_id: str, where: dict[str, Any], values: dict[str, Any]) -> bool:
    """UPDATE runs SET values WHERE id = run_id AND every `where` column matches; True if a row changed."""
    query = update(Run).where(Run.id == run_id)
    for column, expected in where.items():
        query = query.where(getattr(Run, column) == expected)
    # With nothing to change, still touch the row so the result says whether the guard matched.
    result = session.execute(query.values(**(values or {"id": Run.id})).execution_options(synchronize_session=False))
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def add_event(session: Session, run_id: str, kind: str, data: dict[str, Any], step: int | None = None) -> RunEvent:
    event = RunEvent(run_id=run_id, kind=kind, data=data, step=step)
    session.add(event)
    session.flush()
    return event


def events_after(session: Session, run_id: str, after: int, limit: int) -> Sequence[RunEvent]:
    query = select(RunEvent).where(RunEvent.run_id == run_id, RunEvent.id > after).order_by(RunEvent.id).limit(limit)
    return session.scalars(query).all()


def events_before(session: Session, run_id: str, before: int | None, limit: int) -> Sequence[RunEvent]:
    query = select(RunEvent).where(RunEvent.run_id == run_id)
    if before is not None:
        query = query.where(RunEvent.id < before)
    return session.scalars(query.order_by(RunEvent.id.desc()).limit(limit)).all()


def expired_leases(session: Session, now: datetime) -> Sequence[Run]:
    query = select(Run).where(Run.status == RunStatus.running, Run.lease_expires_at < now)
    return session.scalars(query).all()


def stale_dispatches(session: Session, before: datetime) -> Sequence[Run]:
    waiting = (RunStatus.validating, RunStatus.queued)
    query = select(Run).where(Run.status.in_(waiting), Run.dispatched_at < before)
    return session.scalars(query).all()
