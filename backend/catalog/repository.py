from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from backend.models import CatalogModel, DatasetReport, Evaluation, ModelSource, Run


def get_by_name(session: Session, name: str) -> CatalogModel | None:
    return session.scalar(select(CatalogModel).where(CatalogModel.name == name))


def list_all(session: Session, *, include_retired: bool = True) -> Sequence[CatalogModel]:
    query = select(CatalogModel).order_by(CatalogModel.family, CatalogModel.variant)
    if not include_retired:
        query = query.where(CatalogModel.retired_at.is_(None))
    return session.scalars(query).all()


def list_family(session: Session, family: str) -> Sequence[CatalogModel]:
    return session.scalars(
        select(CatalogModel).where(CatalogModel.family == family).order_by(CatalogModel.variant)
    ).all()


def name_taken(session: Session, family: str, names: Sequence[str]) -> bool:
    found = session.scalar(
        select(func.count())
        .select_from(CatalogModel)
        .where(or_(CatalogModel.family == family, CatalogModel.name.in_(names)))
    )
    return bool(found)


def usage(session: Session, names: Sequence[str]) -> dict[str, int]:
    """How many runs, evaluations and data reports name these models."""
    runs = session.scalar(select(func.count()).select_from(Run).where(Run.model_name.in_(names))) or 0
    evaluations = (
        session.scalar(select(func.count()).select_from(Evaluation).where(Evaluation.model_name.in_(names))) or 0
    )
    reports = session.scalar(select(func.count()).select_from(DatasetReport).where(DatasetReport.model.in_(names))) or 0
    return {"runs": runs, "evaluations": evaluations, "reports": reports}


def list_sources(session: Session) -> Sequence[ModelSource]:
    return session.scalars(select(ModelSource).order_by(ModelSource.kind, ModelSource.value)).all()


def get_source(session: Session, source_id: str) -> ModelSource | None:
    return session.get(ModelSource, source_id)


def find_source(session: Session, kind: str, value: str) -> ModelSource | None:
    return session.scalar(select(ModelSource).where(ModelSource.kind == kind, ModelSource.value == value))
