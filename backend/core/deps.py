"""`Annotated` dependency aliases shared by every endpoint."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header
from sqlalchemy.orm import Session

from backend.core.db import session_scope
from backend.core.errors import Forbidden
from backend.core.principal import Principal
from backend.core.security import check_bearer
from backend.core.settings import Settings, get_settings
from backend.core.storage import LocalStorage, get_storage
from backend.models import User
from backend.projects import service as projects
from backend.users import service as users


def _session() -> Iterator[Session]:
    with session_scope() as session:
        yield session


# scope="function": commit (and enqueue) before the response is sent, so a client that reads right after
# a write sees it.
SessionDep = Annotated[Session, Depends(_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
StorageDep = Annotated[LocalStorage, Depends(get_storage)]


def _current_user(session: SessionDep) -> User:
    # One default user until accounts land; every query is already scoped by owner.
    return users.get_default_user(session)


CurrentUser = Annotated[User, Depends(_current_user)]


def _current_principal(session: SessionDep, user: CurrentUser) -> Principal:
    return users.principal_for(session, user)


CurrentPrincipal = Annotated[Principal, Depends(_current_principal)]


def _admin_principal(principal: CurrentPrincipal) -> Principal:
    if not principal.is_admin:
        raise Forbidden("Only an admin may do this; ask one of your workbench's admins.")
    return principal


AdminPrincipal = Annotated[Principal, Depends(_admin_principal)]
"""Admin-only endpoints (`/api/admin/...`) take this instead of CurrentPrincipal."""


def _openai_principal(
    session: SessionDep,
    principal: CurrentPrincipal,
    openai_project: Annotated[
        str | None,
        Header(
            alias="OpenAI-Project",
            description="A project id or slug (what the OpenAI SDK sends for `project=`): files, jobs and models are "
            "then that project's only, and new ones go into it. Without it, all your projects.",
        ),
    ] = None,
) -> Principal:
    return projects.narrowed_to(session, principal, openai_project)


OpenAIPrincipal = Annotated[Principal, Depends(_openai_principal)]
"""`/v1` endpoints take this: the principal, narrowed to one project by the `OpenAI-Project` header when sent."""


def require_api_key(
    settings: SettingsDep, authorization: Annotated[str | None, Header(include_in_schema=False)] = None
) -> None:
    """Every `/v1` router depends on this: the admin key when one is set (see backend/core/security.py)."""
    check_bearer(authorization, settings)


ApiKeyRequired = Depends(require_api_key)
