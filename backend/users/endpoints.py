"""Admin: accounts (people and service accounts), their roles, and service accounts' API keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.auth import service as auth
from backend.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyList, ApiKeyRead
from backend.core.deps import AdminPrincipal, SessionDep
from backend.core.errors import ERROR_RESPONSES
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from backend.users import service
from backend.users.schemas import UserCreate, UserList, UserRead, UserUpdate, user_read

admin_router = APIRouter(prefix="/admin/users", tags=["users"], responses=ERROR_RESPONSES)


@admin_router.get("", response_model=UserList)
def list_(
    session: SessionDep,
    principal: AdminPrincipal,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> UserList:
    """Every account, oldest first."""
    rows, next_cursor = service.list_page(session, cursor, limit)
    return UserList(items=[user_read(u) for u in rows], next_cursor=next_cursor)


@admin_router.post("", status_code=status.HTTP_201_CREATED, response_model=UserRead)
def create(body: UserCreate, session: SessionDep, principal: AdminPrincipal) -> UserRead:
    """A person (with an initial password) or a service account (API keys only)."""
    user = service.create(session, principal, body.email, body.name, body.role, body.is_service_account, body.password)
    return user_read(user)


@admin_router.patch("/{user_id}", response_model=UserRead)
def update(user_id: str, body: UserUpdate, session: SessionDep, principal: AdminPrincipal) -> UserRead:
    """Change a user's name, role or password, or disable/enable the account (disabling signs it out)."""
    user = service.update(
        session,
        principal,
        user_id,
        name=body.name,
        role=body.role,
        disabled=body.disabled,
        password=body.password,
    )
    return user_read(user)


@admin_router.get("/{user_id}/keys", response_model=ApiKeyList)
def list_keys(user_id: str, session: SessionDep, principal: AdminPrincipal) -> ApiKeyList:
    """A user's API keys (prefixes and use, never the secrets)."""
    user = service.get(session, user_id)
    return ApiKeyList(items=[ApiKeyRead.model_validate(k) for k in auth.list_keys(session, user)])


@admin_router.post("/{user_id}/keys", status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated)
def create_key(user_id: str, body: ApiKeyCreate, session: SessionDep, principal: AdminPrincipal) -> ApiKeyCreated:
    """A key for a service account; the answer holds the whole key, shown this once."""
    user = service.get_service_account(session, user_id)
    created = auth.create_key(session, principal, user, body.name)
    return ApiKeyCreated(**ApiKeyRead.model_validate(created.key).model_dump(), key=created.secret)


@admin_router.delete("/{user_id}/keys/{key_id}", response_model=ApiKeyRead)
def revoke_key(user_id: str, key_id: str, session: SessionDep, principal: AdminPrincipal) -> ApiKeyRead:
    """Revoke any user's key (a leaked key, someone who left)."""
    user = service.get(session, user_id)
    return ApiKeyRead.model_validate(auth.revoke_key(session, principal, user, key_id))
