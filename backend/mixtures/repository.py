from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import DatasetReport, Mixture


def get(session: Session, mixture_id: str) -> Mixture | None:
    return session.get(Mixture, mixture_id)


def get_visible(session: Session, mixture_id: str, principal: Principal) -> Mixture | None:
    return session.scalar(select(Mixture).where(Mixture.id == mixture_id, in_scope(Mixture.project_id, principal)))


def list_visible(session: Session, principal: Principal, cursor: str | None, limit: int) -> Sequence[Mixture]:
    query = select(Mixture).where(in_scope(Mixture.project_id, principal))
    if cursor:
        query = query.where(Mixture.id < cursor)
    return session.scalars(query.order_by(Mixture.id.desc()).limit(limit)).all()


def next_version(session: Session, project_id: str, name: str) -> int:
    current = session.scalar(
        select(func.max(Mixture.version)).where(Mixture.project_id == project_id, Mixture.name == name)
    )
    return (current or 0) + 1


def newest_report(session: Session, dataset_id: str) -> DatasetReport | None:
    query = (
        select(DatasetReport)
        .where(DatasetReport.dataset_id == dataset_id, DatasetReport.status == "succeeded")
        .order_by(DatasetReport.id.desc())
        .limit(1)
    )
    return session.scalar(query)
