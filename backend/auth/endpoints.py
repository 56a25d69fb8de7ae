"""Sign-in, sign-out, who am I, and the signed-in user's own API keys."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from backend.auth import service
from backend.auth.schemas import ApiKeyCreate, ApiKeyCreated, ApiKeyList, ApiKeyRead, LoginRequest, Me
from backend.core.deps import CSRF_COOKIE, SESSION_COOKIE, CurrentPrincipal, SessionDep, SettingsDep
from backend.core.errors import ERROR_RESPONSES
from backend.core.principal import Principal
from backend.users import service as users
from backend.users.schemas import user_read

# Sign-in is the one /api route besides health that answers without credentials.
public_router = APIRouter(prefix="/auth", tags=["auth"], responses=ERROR_RESPONSES)
router = APIRouter(prefix="/auth", tags=["auth"], responses=ERROR_RESPONSES)
keys_router = APIRouter(prefix="/keys", tags=["keys"], responses=ERROR_RESPONSES)


def _me(principal: Principal, csrf_token: str | None) -> Me:
    ids = sorted(principal.project_ids) if principal.project_ids is not None else None
    return Me(user=user_read(principal.user), role=principal.role, project_ids=ids, csrf_token=csrf_token)


@public_router.post("/login", response_model=Me)
def login(body: LoginRequest, request: Request, response: Response, session: SessionDep, settings: SettingsDep) -> Me:
    """Sign in with email and password: sets the HttpOnly session cookie and the readable CSRF cookie."""
    ip = request.client.host if request.client else None
    signed_in = service.login(session, settings, body.email, body.password, ip, request.headers.get("user-agent"))
    secure = request.url.scheme == "https"
    response.set_cookie(
        SESSION_COOKIE,
        signed_in.session_token,
        max_age=signed_in.max_age_seconds,
        httponly=True,
        samesite="lax",
        secure=secure,
        path="/",
    )
    response.set_cookie(
        CSRF_COOKIE, signed_in.csrf_token, max_age=signed_in.max_age_seconds, samesite="lax", secure=secure, path="/"
    )
    return _me(users.principal_for(session, signed_in.user), signed_in.csrf_token)


@router.post("/logout", status_code=status.HTTP_204_NO_CONTENT)
def logout(request: Request, response: Response, session: SessionDep, principal: CurrentPrincipal) -> None:
    """End this browser's session (an API key stays valid: revoke it on the keys page)."""
    service.logout(session, principal, request.cookies.get(SESSION_COOKIE))
    response.delete_cookie(SESSION_COOKIE, path="/")
    response.delete_cookie(CSRF_COOKIE, path="/")


@router.get("/me", response_model=Me)
def me(request: Request, principal: CurrentPrincipal) -> Me:
    """The signed-in user and role (what the UI shows and hides by)."""
    return _me(principal, request.cookies.get(CSRF_COOKIE))


@keys_router.get("", response_model=ApiKeyList)
def list_keys(session: SessionDep, principal: CurrentPrincipal) -> ApiKeyList:
    """Your API keys, newest first (revoked ones too, marked)."""
    return ApiKeyList(items=[ApiKeyRead.model_validate(k) for k in service.list_keys(session, principal.user)])


@keys_router.post("", status_code=status.HTTP_201_CREATED, response_model=ApiKeyCreated)
def create_key(body: ApiKeyCreate, session: SessionDep, principal: CurrentPrincipal) -> ApiKeyCreated:
    """A new key acting as you. The answer holds the whole key: copy it now, it is never shown again."""
    created = service.create_key(session, principal, principal.user, body.name)
    return ApiKeyCreated(**ApiKeyRead.model_validate(created.key).model_dump(), key=created.secret)


@keys_router.delete("/{key_id}", response_model=ApiKeyRead)
def revoke_key(key_id: str, session: SessionDep, principal: CurrentPrincipal) -> ApiKeyRead:
    """Revoke one of your keys; requests with it get 401 from now on."""
    return ApiKeyRead.model_validate(service.revoke_key(session, principal, principal.user, key_id))
