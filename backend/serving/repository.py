from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, and_, select
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import Checkpoint, Run, RunStatus


def _runs_in(principal: Principal, project_id: str | None) -> ColumnElement[bool]:
    visible = in_scope(Run.project_id, principal)
    return visible if project_id is None else and_(visible, Run.project_id == project_id)


def get_visible_run(session: Session, run_id: str, principal: Principal, project_id: str | None) -> Run | None:
    return session.scalar(select(Run).where(Run.id == run_id, _runs_in(principal, project_id)))


def get_visible_checkpoint(
    session: Session, checkpoint_id: str, principal: Principal, project_id: str | None
) -> Checkpoint | None:
    query = select(Checkpoint).join(Run, Run.id == Checkpoint.run_id)
    return session.scalar(query.where(Checkpoint.id == checkpoint_id, _runs_in(principal, project_id)))


def visible_checkpoint_at_step(
    session: Session, run_id: str, step: int, principal: Principal, project_id: str | None
) -> Checkpoint | None:
    query = select(Checkpoint).join(Run, Run.id == Checkpoint.run_id)
    where = (Checkpoint.run_id == run_id, Checkpoint.step == step, _runs_in(principal, project_id))
    return session.scalar(query.where(*where))


def final_checkpoint(session: Session, run_id: str) -> Checkpoint | None:
    query = select(Checkpoint).where(Checkpoint.run_id == run_id)
    return session.scalar(query.order_by(Checkpoint.step.desc(), Checkpoint.id.desc()).limit(1))


def succeeded_checkpoints(
    session: Session, principal: Principal, project_id: str | None, limit: int
) -> Sequence[tuple[Checkpoint, Run]]:
    query = (
        select(Checkpoint, Run)
        .join(Run, Run.id == Checkpoint.run_id)
        .where(_runs_in(principal, project_id), Run.status == RunStatus.succeeded)
        .order_by(Run.id.desc(), Checkpoint.step.desc())
        .limit(limit)
    )
    return [(c, r) for c, r in session.execute(query).tuples()]
