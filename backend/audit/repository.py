from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from backend.models import AuditEvent


def add(session: Session, event: AuditEvent) -> None:
    session.add(event)
    session.flush()


def list_page(
    session: Session, cursor: str | None, limit: int, actor: str | None, action: str | None
) -> Sequence[AuditEvent]:
    query = select(AuditEvent)
    if actor:
        query = query.where(or_(AuditEvent.actor_id == actor, AuditEvent.actor_email == actor))
    if action:
        # `auth.` lists every auth action; a full name lists exactly that one.
        query = query.where(
            AuditEvent.action.startswith(action) if action.endswith(".") else AuditEvent.action == action
        )
    if cursor:
        query = query.where(AuditEvent.id < cursor)
    return session.scalars(query.order_by(AuditEvent.id.desc()).limit(limit)).all()
