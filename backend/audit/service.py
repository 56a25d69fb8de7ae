"""The audit trail: `record(...)` from any domain, inside that domain's transaction, so the event is kept exactly
when the action is. `record_now(...)` is for an action that fails (a refused sign-in): its own transaction, kept
although the request's rolls back."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from backend.audit import repository
from backend.core.db import session_scope
from backend.core.http import client_ip
from backend.core.ids import new_id
from backend.core.principal import Principal
from backend.models import AuditEvent, User

Target = tuple[str, str | None] | None
"""(type, id) of what was acted on, e.g. ("user", "usr_…"), ("api_key", "key_…"), ("run", "run_…")."""


def _event(
    actor: Principal | User | None, action: str, target: Target, actor_email: str | None, detail: Any
) -> AuditEvent:
    user = actor.user if isinstance(actor, Principal) else actor
    target_type, target_id = target if target else (None, None)
    return AuditEvent(
        id=new_id("aud"),
        actor_id=user.id if user else None,
        actor_email=user.email if user else actor_email,
        action=action,
        target_type=target_type,
        target_id=target_id,
        detail=detail,
        ip=client_ip.get(),
    )


def record(
    session: Session,
    actor: Principal | User | None,
    action: str,
    target: Target = None,
    *,
    actor_email: str | None = None,
    **detail: Any,
) -> AuditEvent:
    """Append one event. `action` is `<domain>.<verb>` (`auth.login`, `run.cancel`); `detail` is JSON-able context
    (never a secret). `actor_email` names who tried when there is no account (a failed sign-in)."""
    event = _event(actor, action, target, actor_email, detail)
    repository.add(session, event)
    return event


def record_now(
    actor: Principal | User | None, action: str, target: Target = None, *, actor_email: str | None = None, **detail: Any
) -> None:
    with session_scope() as session:
        repository.add(session, _event(actor, action, target, actor_email, detail))


def list_page(
    session: Session, cursor: str | None, limit: int, actor: str | None, action: str | None
) -> tuple[Sequence[AuditEvent], str | None]:
    rows = repository.list_page(session, cursor, limit + 1, actor, action)
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, rows[-1].id if more and rows else None
