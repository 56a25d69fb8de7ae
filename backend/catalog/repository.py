from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.models import CatalogModel


def get_by_name(session: Session, name: str) -> CatalogModel | None:
    return session.scalar(select(CatalogModel).where(CatalogModel.name == name))


def list_all(session: Session) -> Sequence[CatalogModel]:
    return session.scalars(select(CatalogModel).order_by(CatalogModel.family, CatalogModel.variant)).all()


def list_family(session: Session, family: str) -> Sequence[CatalogModel]:
    return session.scalars(
        select(CatalogModel).where(CatalogModel.family == family).order_by(CatalogModel.variant)
    ).all()
