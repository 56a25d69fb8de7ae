from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import DatasetVersion


def get(session: Session, version_id: str) -> DatasetVersion | None:
    return session.get(DatasetVersion, version_id)


def get_visible(
    session: Session, version_id: str, principal: Principal, project_id: str | None = None
) -> DatasetVersion | None:
    query = select(DatasetVersion).where(
        DatasetVersion.id == version_id, in_scope(DatasetVersion.project_id, principal)
    )
    if project_id is not None:
        query = query.where(DatasetVersion.project_id == project_id)
    return session.scalar(query)


def list_for_dataset(session: Session, dataset_id: str, cursor: int | None, limit: int) -> Sequence[DatasetVersion]:
    """Newest (highest number) first, below `cursor` (a version number)."""
    query = select(DatasetVersion).where(DatasetVersion.dataset_id == dataset_id)
    if cursor is not None:
        query = query.where(DatasetVersion.number < cursor)
    return session.scalars(query.order_by(DatasetVersion.number.desc()).limit(limit)).all()


def next_number(session: Session, dataset_id: str) -> int:
    current = session.scalar(select(func.max(DatasetVersion.number)).where(DatasetVersion.dataset_id == dataset_id))
    return (current or 0) + 1


def add_numbered(session: Session, version: DatasetVersion, tries: int = 5) -> bool:
    """Insert `version` with the dataset's next number. Two requests may read the same highest number at once; the
    unique (dataset, number) constraint refuses the second insert, which then takes the number after it (a
    savepoint keeps the rest of the transaction). False when every try lost the race."""
    for _ in range(tries):
        version.number = next_number(session, version.dataset_id)
        try:
            with session.begin_nested():
                session.add(version)
                session.flush()
            return True
        except IntegrityError:
            continue
    return False


def newest_for_training(session: Session, dataset_id: str) -> DatasetVersion | None:
    """The newest succeeded version that is not an eval split."""
    query = select(DatasetVersion).where(
        DatasetVersion.dataset_id == dataset_id,
        DatasetVersion.status == "succeeded",
        DatasetVersion.role.is_(None) | (DatasetVersion.role != "eval"),
    )
    return session.scalar(query.order_by(DatasetVersion.number.desc()).limit(1))
