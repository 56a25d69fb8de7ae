"""`Annotated` dependency aliases shared by every endpoint, and the authentication every guarded route runs."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, Request
from sqlalchemy.orm import Session

from backend.auth import service as auth
from backend.core.db import session_scope
from backend.core.errors import Forbidden, InvalidInput
from backend.core.principal import Principal
from backend.core.settings import Settings, get_settings
from backend.core.storage import LocalStorage, get_storage
from backend.models import User
from backend.projects import service as projects

SESSION_COOKIE = "tw_session"
CSRF_COOKIE = "tw_csrf"
CSRF_HEADER = "X-CSRF-Token"
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})

# Unsafe-method routes a viewer may still call: they read, or touch only the viewer's own credentials.
# Every other POST/PUT/PATCH/DELETE under /api and /v1 is refused to viewers with 403.
VIEWER_MAY_CALL: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (method, re.compile(pattern))
    for method, pattern in (
        ("POST", r"/api/serving/chat/completions"),  # the playground
        ("POST", r"/v1/chat/completions"),
        ("POST", r"/v1/completions"),
        ("POST", r"/api/auth/logout"),
        ("POST", r"/api/keys"),
        ("DELETE", r"/api/keys/[^/]+"),
    )
)


def reject_nul_characters(request: Request) -> None:
    """No id, name or filter holds a NUL character, and PostgreSQL text cannot store one: refuse it here, naming the
    parameter, rather than let a query fail on it."""
    for name, value in (*request.path_params.items(), *request.query_params.multi_items()):
        if isinstance(value, str) and "\x00" in value:
            raise InvalidInput(f"{name} contains a NUL character (%00); remove it.", field=name)


NoNulCharacters = Depends(reject_nul_characters)


def _session() -> Iterator[Session]:
    with session_scope() as session:
        yield session


# scope="function": commit (and enqueue) before the response is sent, so a client that reads right after
# a write sees it.
SessionDep = Annotated[Session, Depends(_session, scope="function")]
SettingsDep = Annotated[Settings, Depends(get_settings)]
StorageDep = Annotated[LocalStorage, Depends(get_storage)]


def _is_v1(path: str) -> bool:
    return path == "/v1" or path.startswith("/v1/")


def _current_principal(request: Request, session: SessionDep, settings: SettingsDep) -> Principal:
    credentials = auth.Credentials(
        authorization=request.headers.get("authorization"),
        session_token=request.cookies.get(SESSION_COOKIE),
        csrf_header=request.headers.get(CSRF_HEADER),
        unsafe_method=request.method in UNSAFE_METHODS,
        keys_only=_is_v1(request.url.path),
    )
    return auth.authenticate(session, settings, credentials)


CurrentPrincipal = Annotated[Principal, Depends(_current_principal)]


def _current_user(principal: CurrentPrincipal) -> User:
    return principal.user


CurrentUser = Annotated[User, Depends(_current_user)]
"""The signed-in user; endpoints that scope by owner take this."""


def _admin_principal(principal: CurrentPrincipal) -> Principal:
    if not principal.is_admin:
        raise Forbidden("Only an admin may do this; ask one of your workbench's admins.")
    return principal


AdminPrincipal = Annotated[Principal, Depends(_admin_principal)]
"""Admin-only endpoints (`/api/admin/...`) take this instead of CurrentPrincipal."""


def authorize(request: Request, principal: CurrentPrincipal) -> None:
    """Every guarded router depends on this: a known, enabled account (401 otherwise) whose role may call this
    method (viewers only read, 403 otherwise)."""
    if principal.can_write or request.method not in UNSAFE_METHODS:
        return
    path = request.url.path
    if any(method == request.method and pattern.fullmatch(path) for method, pattern in VIEWER_MAY_CALL):
        return
    raise Forbidden("Viewers can look but not change anything; ask an admin for the analyst role.")


Authorized = Depends(authorize)


def require_api_key(request: Request, principal: CurrentPrincipal) -> None:
    """Every `/v1` router depends on this: an API key (cookies are not accepted there), and the role check."""
    authorize(request, principal)


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

ApiKeyRequired = Depends(require_api_key)
