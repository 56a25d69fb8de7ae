from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from backend.models import User


def add(session: Session, user: User) -> None:
    session.add(user)
    session.flush()


def get(session: Session, user_id: str) -> User | None:
    return session.get(User, user_id)


def get_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email))


def list_page(session: Session, cursor: str | None, limit: int) -> Sequence[User]:
    query = select(User)
    if cursor:
        query = query.where(User.id > cursor)
    return session.scalars(query.order_by(User.id).limit(limit)).all()


def first_admin(session: Session) -> User | None:
    """The oldest active admin person (not a service account): the bootstrap admin."""
    query = select(User).where(User.role == "admin", User.is_service_account.is_(False), User.disabled.is_(False))
    return session.scalar(query.order_by(User.created_at, User.id).limit(1))


def count_active_admins(session: Session) -> int:
    query = select(func.count()).select_from(User).where(User.role == "admin", User.disabled.is_(False))
    return int(session.scalar(query) or 0)
