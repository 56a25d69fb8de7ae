from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import Checkpoint, Run, RunStatus


def get_owned_run(session: Session, run_id: str, owner_id: str) -> Run | None:
    return session.scalar(select(Run).where(Run.id == run_id, Run.owner_id == owner_id))


def get_owned_checkpoint(session: Session, checkpoint_id: str, owner_id: str) -> Checkpoint | None:
    query = select(Checkpoint).join(Run, Run.id == Checkpoint.run_id)
    return session.scalar(query.where(Checkpoint.id == checkpoint_id, Run.owner_id == owner_id))


def owned_checkpoint_at_step(session: Session, run_id: str, step: int, owner_id: str) -> Checkpoint | None:
    query = select(Checkpoint).join(Run, Run.id == Checkpoint.run_id)
    return session.scalar(query.where(Checkpoint.run_id == run_id, Checkpoint.step == step, Run.owner_id == owner_id))


def final_checkpoint(session: Session, run_id: str) -> Checkpoint | None:
    query = select(Checkpoint).where(Checkpoint.run_id == run_id)
    return session.scalar(query.order_by(Checkpoint.step.desc(), Checkpoint.id.desc()).limit(1))


def succeeded_checkpoints(session: Session, owner_id: str, limit: int) -> Sequence[tuple[Checkpoint, Run]]:
    query = (
        select(Checkpoint, Run)
        .join(Run, Run.id == Checkpoint.run_id)
        .where(Run.owner_id == owner_id, Run.status == RunStatus.succeeded)
        .order_by(Run.id.desc(), Checkpoint.step.desc())
        .limit(limit)
    )
    return [(c, r) for c, r in session.execute(query).tuples()]
