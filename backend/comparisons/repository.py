from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.core.principal import Principal, in_scope
from backend.models import Comparison, ComparisonPair, ComparisonRating


def get(session: Session, comparison_id: str) -> Comparison | None:
    return session.get(Comparison, comparison_id)


def get_visible(session: Session, comparison_id: str, principal: Principal) -> Comparison | None:
    query = select(Comparison).where(Comparison.id == comparison_id, in_scope(Comparison.project_id, principal))
    return session.scalar(query)


def list_visible(
    session: Session, principal: Principal, project_id: str | None, cursor: str | None, limit: int
) -> Sequence[Comparison]:
    query = select(Comparison).where(in_scope(Comparison.project_id, principal))
    if project_id is not None:
        query = query.where(Comparison.project_id == project_id)
    if cursor:
        query = query.where(Comparison.id < cursor)
    return session.scalars(query.order_by(Comparison.id.desc()).limit(limit)).all()


def pair_count(session: Session, comparison_id: str) -> int:
    query = select(func.count()).select_from(ComparisonPair).where(ComparisonPair.comparison_id == comparison_id)
    return int(session.scalar(query) or 0)


def get_pair(session: Session, comparison_id: str, pair_id: str) -> ComparisonPair | None:
    query = select(ComparisonPair).where(ComparisonPair.id == pair_id, ComparisonPair.comparison_id == comparison_id)
    return session.scalar(query)


def next_unrated_pair(session: Session, comparison_id: str, rater: str, skip: Sequence[str]) -> ComparisonPair | None:
    rated = select(ComparisonRating.pair_id).where(
        ComparisonRating.comparison_id == comparison_id, ComparisonRating.rater == rater
    )
    query = select(ComparisonPair).where(ComparisonPair.comparison_id == comparison_id, ComparisonPair.id.not_in(rated))
    if skip:
        query = query.where(ComparisonPair.id.not_in(list(skip)))
    return session.scalar(query.order_by(ComparisonPair.position).limit(1))


def rated_count(session: Session, comparison_id: str, rater: str) -> int:
    query = select(func.count()).where(ComparisonRating.comparison_id == comparison_id, ComparisonRating.rater == rater)
    return int(session.scalar(query) or 0)


def find_rating(session: Session, pair_id: str, rater: str) -> ComparisonRating | None:
    query = select(ComparisonRating).where(ComparisonRating.pair_id == pair_id, ComparisonRating.rater == rater)
    return session.scalar(query)


def ratings_with_pairs(session: Session, comparison_id: str) -> list[tuple[ComparisonRating, ComparisonPair]]:
    query = (
        select(ComparisonRating, ComparisonPair)
        .join(ComparisonPair, ComparisonPair.id == ComparisonRating.pair_id)
        .where(ComparisonRating.comparison_id == comparison_id)
        .order_by(ComparisonRating.created_at, ComparisonRating.id)
    )
    return [(r, p) for r, p in session.execute(query).all()]
