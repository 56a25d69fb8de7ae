from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import Checkpoint, Evaluation, ReferenceResult, Run


def get(session: Session, evaluation_id: str) -> Evaluation | None:
    return session.get(Evaluation, evaluation_id)


def get_visible(session: Session, evaluation_id: str, principal: Principal) -> Evaluation | None:
    query = select(Evaluation).where(Evaluation.id == evaluation_id, in_scope(Evaluation.project_id, principal))
    return session.scalar(query)


def list_visible(
    session: Session,
    principal: Principal,
    *,
    project_id: str | None,
    run_id: str | None,
    checkpoint_id: str | None,
    status: str | None,
    cursor: str | None,
    limit: int,
) -> Sequence[Evaluation]:
    query = select(Evaluation).where(in_scope(Evaluation.project_id, principal))
    filters = (
        (Evaluation.run_id, run_id),
        (Evaluation.checkpoint_id, checkpoint_id),
        (Evaluation.project_id, project_id),
    )
    for column, value in filters:
        if value:
            query = query.where(column == value)
    if status:
        query = query.where(Evaluation.status == status)
    if cursor:
        query = query.where(Evaluation.id < cursor)
    return session.scalars(query.order_by(Evaluation.id.desc()).limit(limit)).all()


def automatic_for_checkpoint(session: Session, checkpoint_id: str) -> Evaluation | None:
    query = select(Evaluation).where(Evaluation.checkpoint_id == checkpoint_id, Evaluation.trigger == "automatic")
    return session.scalar(query.limit(1))


def get_checkpoint_visible(
    session: Session, checkpoint_id: str, principal: Principal, project_id: str | None
) -> tuple[Checkpoint, Run] | None:
    query = (
        select(Checkpoint, Run)
        .join(Run, Run.id == Checkpoint.run_id)
        .where(Checkpoint.id == checkpoint_id, in_scope(Run.project_id, principal))
    )
    if project_id is not None:
        query = query.where(Run.project_id == project_id)
    row = session.execute(query).first()
    return None if row is None else (row[0], row[1])


def succeeded_for_run(session: Session, run_id: str) -> Sequence[tuple[Evaluation, Checkpoint]]:
    query = (
        select(Evaluation, Checkpoint)
        .join(Checkpoint, Checkpoint.id == Evaluation.checkpoint_id)
        .where(Evaluation.run_id == run_id, Evaluation.status == "succeeded")
        .order_by(Checkpoint.step)
    )
    return [(e, c) for e, c in session.execute(query).all()]


def get_run(session: Session, run_id: str) -> Run | None:
    return session.get(Run, run_id)


def set_recommended(session: Session, run_id: str, checkpoint_id: str | None) -> None:
    session.execute(update(Run).where(Run.id == run_id).values(recommended_checkpoint_id=checkpoint_id))


def reference_result(session: Session, cache_key: str) -> ReferenceResult | None:
    return session.scalar(select(ReferenceResult).where(ReferenceResult.cache_key == cache_key))


def count_reference_hit(session: Session, cache_key: str) -> None:
    query = update(ReferenceResult).where(ReferenceResult.cache_key == cache_key)
    session.execute(query.values(hits=ReferenceResult.hits + 1).execution_options(synchronize_session=False))


def add_reference_result(session: Session, row: ReferenceResult) -> bool:
    """Insert unless another worker stored the same key first (a race both sides win: the scores are equal)."""
    try:
        with session.begin_nested():
            session.add(row)
    except IntegrityError:
        return False
    return True
