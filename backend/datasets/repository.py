from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import Dataset, Run


def get_visible(session: Session, dataset_id: str, principal: Principal, project_id: str | None) -> Dataset | None:
    query = select(Dataset).where(Dataset.id == dataset_id, in_scope(Dataset.project_id, principal))
    if project_id is not None:
        query = query.where(Dataset.project_id == project_id)
    return session.scalar(query)


def list_visible(
    session: Session,
    principal: Principal,
    project_id: str | None,
    cursor: str | None,
    limit: int,
    ascending: bool = False,
) -> Sequence[Dataset]:
    query = select(Dataset).where(in_scope(Dataset.project_id, principal))
    if project_id is not None:
        query = query.where(Dataset.project_id == project_id)
    if cursor:
        query = query.where(Dataset.id > cursor if ascending else Dataset.id < cursor)
    order = Dataset.id.asc() if ascending else Dataset.id.desc()
    return session.scalars(query.order_by(order).limit(limit)).all()


def runs_using(session: Session, dataset_id: str, limit: int) -> Sequence[str]:
    used = (Run.dataset_id == dataset_id) | (Run.eval_dataset_id == dataset_id)
    return session.scalars(select(Run.id).where(used).order_by(Run.id).limit(limit)).all()


def get_by_name(session: Session, project_id: str, name: str) -> Dataset | None:
    return session.scalar(select(Dataset).where(Dataset.project_id == project_id, Dataset.name == name).limit(1))
