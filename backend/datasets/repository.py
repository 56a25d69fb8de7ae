from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import Dataset, Run


def get_owned(session: Session, dataset_id: str, owner_id: str) -> Dataset | None:
    return session.scalar(select(Dataset).where(Dataset.id == dataset_id, Dataset.owner_id == owner_id))


def list_owned(
    session: Session, owner_id: str, cursor: str | None, limit: int, ascending: bool = False
) -> Sequence[Dataset]:
    query = select(Dataset).where(Dataset.owner_id == owner_id)
    if cursor:
        query = query.where(Dataset.id > cursor if ascending else Dataset.id < cursor)
    order = Dataset.id.asc() if ascending else Dataset.id.desc()
    return session.scalars(query.order_by(order).limit(limit)).all()


def runs_using(session: Session, dataset_id: str, limit: int) -> Sequence[str]:
    used = (Run.dataset_id == dataset_id) | (Run.eval_dataset_id == dataset_id)
    return session.scalars(select(Run.id).where(used).order_by(Run.id).limit(limit)).all()


def get_by_name(session: Session, owner_id: str, name: str) -> Dataset | None:
    return session.scalar(select(Dataset).where(Dataset.owner_id == owner_id, Dataset.name == name).limit(1))
