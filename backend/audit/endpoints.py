from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from backend.audit import service
from backend.audit.schemas import AuditEventList, AuditEventRead
from backend.core.deps import AdminPrincipal, SessionDep
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT

admin_router = APIRouter(prefix="/admin/audit", tags=["audit"])


@admin_router.get("", response_model=AuditEventList)
def list_(
    session: SessionDep,
    principal: AdminPrincipal,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    actor: Annotated[str | None, Query(description="A user id or email.")] = None,
    action: Annotated[
        str | None, Query(description="An action (`auth.login`), or a prefix ending in a dot (`auth.`).")
    ] = None,
) -> AuditEventList:
    """Sensitive actions, newest first."""
    rows, next_cursor = service.list_page(session, cursor, limit, actor, action)
    return AuditEventList(items=[AuditEventRead.model_validate(r) for r in rows], next_cursor=next_cursor)
