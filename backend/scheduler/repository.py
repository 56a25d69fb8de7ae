"""Every query of the GPU queue: workers, quotas, the runs that hold or wait for resources, the dispatch lock."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import CursorResult, func, select, update
from sqlalchemy.orm import Session

from backend.models import (
    Checkpoint,
    Evaluation,
    Export,
    Project,
    Run,
    RunStatus,
    SchedulerLock,
    User,
    UserQuota,
    Worker,
)


def lock(session: Session) -> None:
    """Serialise dispatch passes: the first statement of the pass is a write to one row, which waits for any other
    pass to commit (a row lock on PostgreSQL, the database write lock on SQLite); reads after it are current."""
    result = session.execute(update(SchedulerLock).where(SchedulerLock.id == 1).values(passes=SchedulerLock.passes + 1))
    assert isinstance(result, CursorResult)
    if result.rowcount == 0:  # a database created from the models rather than the migrations
        session.add(SchedulerLock(id=1, passes=1))
        session.flush()


def workers(session: Session) -> Sequence[Worker]:
    return session.scalars(select(Worker).order_by(Worker.name)).all()


def worker(session: Session, name: str) -> Worker | None:
    return session.get(Worker, name)


def save_heartbeat(session: Session, name: str, values: dict[str, Any], now: datetime) -> None:
    """Insert or refresh a worker's row; an admin's drain survives the worker's restarts."""
    result = session.execute(update(Worker).where(Worker.name == name).values(**values, last_heartbeat_at=now))
    assert isinstance(result, CursorResult)
    if result.rowcount == 0:
        session.add(Worker(name=name, **values, started_at=now, last_heartbeat_at=now))
        session.flush()


def mark_offline(session: Session, name: str) -> None:
    session.execute(
        update(Worker).where(Worker.name == name).values(last_heartbeat_at=datetime(1970, 1, 1, tzinfo=UTC))
    )


def set_drained(session: Session, name: str, drained: bool) -> bool:
    result = session.execute(update(Worker).where(Worker.name == name).values(drained=drained))
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def active_runs(session: Session) -> Sequence[Run]:
    """Queued and running runs: those that hold resources and those that wait for them."""
    query = select(Run).where(Run.status.in_((RunStatus.queued, RunStatus.running)))
    return session.scalars(query.order_by(Run.created_at, Run.id)).all()


def active_evaluations(session: Session) -> Sequence[tuple[Evaluation, Checkpoint | None, Run | None]]:
    """Queued and running evaluations with the checkpoint and run they evaluate (none for a catalog model)."""
    query = (
        select(Evaluation, Checkpoint, Run)
        .outerjoin(Checkpoint, Evaluation.checkpoint_id == Checkpoint.id)
        .outerjoin(Run, Evaluation.run_id == Run.id)
        .where(Evaluation.status.in_(("queued", "running")))
        .order_by(Evaluation.created_at, Evaluation.id)
    )
    return [(e, c, r) for e, c, r in session.execute(query).tuples()]


def active_exports(session: Session) -> Sequence[tuple[Export, Checkpoint, Run]]:
    """Queued and running exports with the checkpoint and run they export (the run holds owner and project)."""
    query = (
        select(Export, Checkpoint, Run)
        .join(Checkpoint, Export.checkpoint_id == Checkpoint.id)
        .join(Run, Checkpoint.run_id == Run.id)
        .where(Export.status.in_(("queued", "running")))
        .order_by(Export.created_at, Export.id)
    )
    return [(e, c, r) for e, c, r in session.execute(query).tuples()]


def runs_started_since(session: Session, since: datetime) -> Sequence[Run]:
    """Runs that held resources at some point after `since` (for usage figures)."""
    query = select(Run).where(Run.started_at.is_not(None), (Run.finished_at.is_(None)) | (Run.finished_at >= since))
    return session.scalars(query).all()


def quotas(session: Session) -> dict[str, UserQuota]:
    return {q.user_id: q for q in session.scalars(select(UserQuota))}


def quota(session: Session, user_id: str) -> UserQuota | None:
    return session.get(UserQuota, user_id)


def save_quota(session: Session, user_id: str, max_gpus: int | None, max_runs: int | None) -> UserQuota:
    row = session.get(UserQuota, user_id) or UserQuota(user_id=user_id)
    row.max_gpus, row.max_runs = max_gpus, max_runs
    session.add(row)
    session.flush()
    return row


def projects(session: Session) -> Sequence[Project]:
    return session.scalars(select(Project).order_by(Project.name)).all()


def project(session: Session, project_id: str) -> Project | None:
    return session.get(Project, project_id)


def users(session: Session) -> Sequence[User]:
    return session.scalars(select(User).order_by(User.email)).all()


def user(session: Session, user_id: str) -> User | None:
    return session.get(User, user_id)


def max_queued_priority(session: Session) -> int | None:
    waiting = (RunStatus.queued, RunStatus.paused, RunStatus.validating)
    return session.scalar(select(func.max(Run.priority)).where(Run.status.in_(waiting)))
