from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import Checkpoint, Run


def get_for_step(session: Session, run_id: str, step: int) -> Checkpoint | None:
    return session.scalar(select(Checkpoint).where(Checkpoint.run_id == run_id, Checkpoint.step == step))


def get_visible(session: Session, checkpoint_id: str, principal: Principal) -> Checkpoint | None:
    query = select(Checkpoint).join(Run, Run.id == Checkpoint.run_id)
    return session.scalar(query.where(Checkpoint.id == checkpoint_id, in_scope(Run.project_id, principal)))


def list_visible(
    session: Session, principal: Principal, project_id: str | None, run_id: str | None, cursor: str | None, limit: int
) -> Sequence[Checkpoint]:
    query = select(Checkpoint).join(Run, Run.id == Checkpoint.run_id).where(in_scope(Run.project_id, principal))
    if project_id is not None:
        query = query.where(Run.project_id == project_id)
    if run_id:
        query = query.where(Checkpoint.run_id == run_id)
    if cursor:
        query = query.where(Checkpoint.id < cursor)
    return session.scalars(query.order_by(Checkpoint.id.desc()).limit(limit)).all()
