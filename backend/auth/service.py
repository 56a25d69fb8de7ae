"""Who is calling: browser sessions (cookie + CSRF), API keys, the bootstrap admin key; sign-in and sign-out."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth import ratelimit, repository, tokens
from backend.core.db import utcnow
from backend.core.errors import Forbidden, NotFound, TooManyRequests, Unauthorized
from backend.core.ids import new_id
from backend.core.principal import Principal
from backend.core.settings import Settings
from backend.models import ApiKey, LoginSession, User
from backend.users import passwords
from backend.users import repository as users_repository
from backend.users import service as users

KEY_TOUCH_INTERVAL = timedelta(minutes=1)
SIGN_IN = "Sign in (POST /api/auth/login) or send an API key as `Authorization: Bearer <key>`."


@dataclass(frozen=True)
class Credentials:
    """What a request carries, read from HTTP by the caller."""

    authorization: str | None
    session_token: str | None
    csrf_header: str | None
    unsafe_method: bool
    keys_only: bool = False  # /v1: automation sends keys; cookies are not looked at


def authenticate(session: Session, settings: Settings, credentials: Credentials) -> Principal:
    if credentials.authorization is not None:
        return users.principal_for(session, _user_for_bearer(session, settings, credentials.authorization))
    if credentials.keys_only:
        raise Unauthorized("Send your API key as `Authorization: Bearer <key>`; create one on the API keys page.")
    if credentials.session_token:
        user = _user_for_session(session, credentials.session_token)
        # A cookie is sent by the browser whoever made the page; only our page can read the CSRF cookie.
        if credentials.unsafe_method and not (
            credentials.csrf_header and tokens.same(credentials.csrf_header, tokens.csrf_for(credentials.session_token))
        ):
            raise Forbidden("Send the `tw_csrf` cookie's value in the X-CSRF-Token header with every change.")
        return users.principal_for(session, user)
    raise Unauthorized(SIGN_IN)


def _active(user: User | None, what: str) -> User:
    if user is None:
        raise Unauthorized(f"{what} {SIGN_IN}".strip())
    if user.disabled:
        raise Unauthorized("This account is disabled; ask an admin to enable it.")
    return user


def _user_for_bearer(session: Session, settings: Settings, authorization: str) -> User:
    scheme, _, key = authorization.partition(" ")
    key = key.strip()
    if scheme.lower() != "bearer" or not key:
        raise Unauthorized("Send your API key as `Authorization: Bearer <key>`.")
    if settings.admin_api_key and tokens.same(key, settings.admin_api_key):
        return _active(users.bootstrap_admin_user(session, settings.admin_email), "No admin account to act as.")
    parsed = tokens.parse_api_key(key)
    row = repository.key_by_prefix(session, parsed[0]) if parsed else None
    if (
        row is None
        or parsed is None
        or row.revoked_at is not None
        or not tokens.same(tokens.sha256(parsed[1]), row.secret_hash)
    ):
        raise Unauthorized("Incorrect API key provided; create a key on the API keys page (keys start with `tw_`).")
    now = utcnow()
    if row.last_used_at is None or row.last_used_at < now - KEY_TOUCH_INTERVAL:
        repository.touch_key(session, row.id, now, now - KEY_TOUCH_INTERVAL)
    return _active(users_repository.get(session, row.user_id), "The key's account is gone.")


def _user_for_session(session: Session, token: str) -> User:
    row = repository.session_by_token_hash(session, tokens.sha256(token))
    if row is None or row.expires_at <= utcnow():
        raise Unauthorized("Your sign-in has expired; sign in again.")
    return _active(users_repository.get(session, row.user_id), "")


@dataclass(frozen=True)
class SignedIn:
    user: User
    session_token: str
    csrf_token: str
    max_age_seconds: int


def login(
    session: Session, settings: Settings, email: str, password: str, ip: str | None, user_agent: str | None
) -> SignedIn:
    email = users.normalise_email(email)
    if wait := ratelimit.locked_for(email, ip, settings.login_max_failures):
        audit.record_now(None, "auth.login_locked", actor_email=email)
        raise TooManyRequests(
            f"Too many failed sign-ins for {email}; try again in {wait} seconds.", headers={"Retry-After": str(wait)}
        )
    user = users_repository.get_by_email(session, email)
    valid = passwords.verify(user.password_hash if user else None, password)
    if user is None or not valid or user.disabled or user.is_service_account:
        ratelimit.failed(email, ip, settings.login_window_seconds)
        reason = "disabled" if user and valid and user.disabled else "bad_credentials"
        # Its own transaction: this request's rolls back with the 401.
        audit.record_now(
            user, "auth.login_failed", ("user", user.id if user else None), actor_email=email, reason=reason
        )
        if reason == "disabled":
            raise Unauthorized("This account is disabled; ask an admin to enable it.")
        raise Unauthorized("Wrong email or password.")
    ratelimit.succeeded(email, ip)
    assert user.password_hash is not None
    if passwords.needs_rehash(user.password_hash):
        user.password_hash = passwords.hash_password(password)
    now = utcnow()
    token = tokens.new_session_token()
    lifetime = timedelta(hours=settings.session_hours)
    repository.delete_expired_sessions(session, now)
    repository.add(
        session,
        LoginSession(
            id=new_id("sess"),
            user_id=user.id,
            token_hash=tokens.sha256(token),
            expires_at=now + lifetime,
            ip=ip,
            user_agent=(user_agent or "")[:300] or None,
        ),
    )
    user.last_login_at = now
    audit.record(session, user, "auth.login", ("user", user.id))
    return SignedIn(user, token, tokens.csrf_for(token), int(lifetime.total_seconds()))


def logout(session: Session, principal: Principal, session_token: str | None) -> None:
    if session_token:
        repository.delete_session(session, tokens.sha256(session_token))
    audit.record(session, principal, "auth.logout", ("user", principal.user.id))


@dataclass(frozen=True)
class CreatedKey:
    key: ApiKey
    secret: str


def list_keys(session: Session, owner: User) -> Sequence[ApiKey]:
    return repository.keys_of(session, owner.id)


def create_key(session: Session, actor: Principal, owner: User, name: str) -> CreatedKey:
    full, prefix, secret_hash = tokens.new_api_key()
    row = ApiKey(id=new_id("key"), user_id=owner.id, name=name.strip(), prefix=prefix, secret_hash=secret_hash)
    repository.add(session, row)
    audit.record(
        session, actor, "api_key.created", ("api_key", row.id), owner=owner.email, prefix=prefix, name=row.name
    )
    return CreatedKey(row, full)


def revoke_key(session: Session, actor: Principal, owner: User, key_id: str) -> ApiKey:
    row = repository.key(session, key_id)
    if row is None or row.user_id != owner.id:
        raise NotFound(f"No API key {key_id} here; list the keys to find its id.", field="key_id")
    if row.revoked_at is None:
        row.revoked_at = utcnow()
        session.flush()
        audit.record(session, actor, "api_key.revoked", ("api_key", row.id), owner=owner.email, prefix=row.prefix)
    return row
