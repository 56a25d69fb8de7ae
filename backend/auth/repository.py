from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from backend.models import ApiKey, LoginSession


def add(session: Session, row: LoginSession | ApiKey) -> None:
    session.add(row)
    session.flush()


def session_by_token_hash(session: Session, token_hash: str) -> LoginSession | None:
    return session.scalar(select(LoginSession).where(LoginSession.token_hash == token_hash))


def delete_session(session: Session, token_hash: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.token_hash == token_hash))


def delete_sessions_of(session: Session, user_id: str) -> None:
    session.execute(delete(LoginSession).where(LoginSession.user_id == user_id))


def delete_expired_sessions(session: Session, now: datetime) -> None:
    session.execute(delete(LoginSession).where(LoginSession.expires_at < now))


def key_by_prefix(session: Session, prefix: str) -> ApiKey | None:
    return session.scalar(select(ApiKey).where(ApiKey.prefix == prefix))


def key(session: Session, key_id: str) -> ApiKey | None:
    return session.get(ApiKey, key_id)


def keys_of(session: Session, user_id: str) -> Sequence[ApiKey]:
    return session.scalars(select(ApiKey).where(ApiKey.user_id == user_id).order_by(ApiKey.id.desc())).all()


def touch_key(session: Session, key_id: str, now: datetime, not_since: datetime) -> None:
    """Set last_used_at unless it was set after `not_since`: at most one write a minute per key, and the
    condition is in the UPDATE so concurrent requests do not both write."""
    session.execute(
        update(ApiKey)
        .where(ApiKey.id == key_id, (ApiKey.last_used_at.is_(None)) | (ApiKey.last_used_at < not_since))
        .values(last_used_at=now)
        .execution_options(synchronize_session=False)
    )
