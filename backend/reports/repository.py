from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import DatasetReport


def get(session: Session, report_id: str) -> DatasetReport | None:
    return session.get(DatasetReport, report_id)


def get_visible(session: Session, report_id: str, principal: Principal) -> DatasetReport | None:
    query = select(DatasetReport).where(DatasetReport.id == report_id, in_scope(DatasetReport.project_id, principal))
    return session.scalar(query)


def list_for_dataset(session: Session, dataset_id: str, cursor: str | None, limit: int) -> Sequence[DatasetReport]:
    query = select(DatasetReport).where(DatasetReport.dataset_id == dataset_id)
    if cursor:
        query = query.where(DatasetReport.id < cursor)
    return session.scalars(query.order_by(DatasetReport.id.desc()).limit(limit)).all()
