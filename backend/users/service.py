"""Accounts: people and service accounts, their roles, and the bootstrap admin."""

from __future__ import annotations

import secrets
from collections.abc import Sequence

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.auth import repository as credentials
from backend.core.errors import Conflict, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.principal import Principal, Role
from backend.models import User
from backend.projects import service as projects
from backend.users import passwords, repository

# The one user of the single-user era; bootstrap turns it into the first admin so its data stays owned.
DEFAULT_EMAIL = "default@tunewright.local"
GENERATED_ADMIN_EMAIL = "admin@tunewright.local"


def normalise_email(email: str) -> str:
    return email.strip().lower()


def principal_for(session: Session, user: User) -> Principal:
    """What `user` may do: their role, and the projects they see (every project, for admins)."""
    return principal_with_role(session, user, Role(user.role))


def principal_with_role(session: Session, user: User, role: Role) -> Principal:
    """`user` acting with `role`: admins see every project, everyone else the projects they are a member of."""
    if role == Role.admin:
        return Principal(user=user, role=role, project_ids=None)
    return Principal(user=user, role=role, project_ids=frozenset(projects.project_ids_of(session, user)))


def get(session: Session, user_id: str) -> User:
    user = repository.get(session, user_id)
    if user is None:
        raise NotFound(f"No user {user_id}; list users at GET /api/admin/users.", field="user_id")
    return user


def get_service_account(session: Session, user_id: str) -> User:
    user = get(session, user_id)
    if not user.is_service_account:
        raise InvalidInput(
            "Admins create keys only for service accounts; people create their own on their API keys page.",
            field="user_id",
        )
    return user


def list_page(session: Session, cursor: str | None, limit: int) -> tuple[Sequence[User], str | None]:
    rows = repository.list_page(session, cursor, limit + 1)
    more = len(rows) > limit
    rows = rows[:limit]
    return rows, rows[-1].id if more and rows else None


def _check_password(password: str) -> None:
    if len(password) < passwords.MIN_LENGTH:
        raise InvalidInput(f"Choose a password of at least {passwords.MIN_LENGTH} characters.", field="password")


def create(
    session: Session,
    actor: Principal,
    email: str,
    name: str,
    role: Role,
    is_service_account: bool,
    password: str | None,
) -> User:
    email = normalise_email(email)
    if repository.get_by_email(session, email) is not None:
        raise Conflict(f"An account with email {email} exists already; pick another email.", field="email")
    if is_service_account and password:
        raise InvalidInput("Service accounts sign in with API keys only; leave the password out.", field="password")
    if not is_service_account and "@" not in email:
        raise InvalidInput("Give the person's email address (it is their sign-in name).", field="email")
    if password:
        _check_password(password)
    user = User(
        id=new_id("usr"),
        email=email,
        name=name.strip(),
        role=role.value,
        is_service_account=is_service_account,
        password_hash=passwords.hash_password(password) if password else None,
    )
    repository.add(session, user)
    # A new account starts in the Default project, the team's shared space; admins move people between projects.
    projects.ensure_member(session, user)
    action = "service_account.created" if is_service_account else "user.created"
    audit.record(session, actor, action, ("user", user.id), email=email, role=role.value)
    return user


def _keep_an_admin(session: Session, user: User) -> None:
    if user.role == Role.admin and not user.disabled and repository.count_active_admins(session) <= 1:
        raise Conflict("This is the last active admin; make another user admin first.", field="role")


def update(
    session: Session,
    actor: Principal,
    user_id: str,
    *,
    name: str | None = None,
    role: Role | None = None,
    disabled: bool | None = None,
    password: str | None = None,
) -> User:
    user = get(session, user_id)
    target = ("user", user.id)
    if name is not None:
        user.name = name.strip()
    if role is not None and role.value != user.role:
        if role != Role.admin:
            _keep_an_admin(session, user)
        audit.record(session, actor, "user.role_changed", target, email=user.email, old=user.role, new=role.value)
        user.role = role.value
    if disabled is not None and disabled != user.disabled:
        if disabled:
            _keep_an_admin(session, user)
            credentials.delete_sessions_of(session, user.id)  # signed out everywhere at once
        user.disabled = disabled
        audit.record(session, actor, "user.disabled" if disabled else "user.enabled", target, email=user.email)
    if password is not None:
        if user.is_service_account:
            raise InvalidInput("Service accounts have no password; create an API key for them.", field="password")
        _check_password(password)
        user.password_hash = passwords.hash_password(password)
        credentials.delete_sessions_of(session, user.id)
        audit.record(session, actor, "user.password_set", target, email=user.email)
    session.flush()
    return user


def bootstrap_admin(session: Session, email: str | None, password: str | None) -> tuple[User, str | None]:
    """The first admin, from TUNEWRIGHT_ADMIN_EMAIL / _PASSWORD or made up. Returns the admin and, only when one
    was generated just now, its password (for the caller to print once: it is stored only as a hash).

    A password is set only on an account that has none, so a changed password is never reset by a restart."""
    legacy = repository.get_by_email(session, DEFAULT_EMAIL)
    if email:
        email = normalise_email(email)
        user = repository.get_by_email(session, email)
        if user is None and legacy is not None and legacy.password_hash is None:
            legacy.email, legacy.name, user = email, "Admin", legacy
        if user is None:
            user = User(id=new_id("usr"), email=email, name="Admin", role=Role.admin.value)
            repository.add(session, user)
        user.role = Role.admin.value
    else:
        user = repository.first_admin(session)
        if user is not None and user.password_hash is not None:
            return user, None
        if user is None:
            user = User(id=new_id("usr"), email=GENERATED_ADMIN_EMAIL, name="Admin", role=Role.admin.value)
            repository.add(session, user)
        elif user.email == DEFAULT_EMAIL:
            user.email, user.name = GENERATED_ADMIN_EMAIL, "Admin"
    projects.ensure_member(session, user)
    generated = None
    if user.password_hash is None:
        if not password:
            password = generated = secrets.token_urlsafe(15)
        user.password_hash = passwords.hash_password(password)
        audit.record(session, None, "user.bootstrapped", ("user", user.id), actor_email="setup", email=user.email)
    session.flush()
    return user, generated


def bootstrap_admin_user(session: Session, email: str | None) -> User | None:
    """Whose key TUNEWRIGHT_ADMIN_API_KEY is: TUNEWRIGHT_ADMIN_EMAIL's account, else the oldest admin."""
    if email:
        user = repository.get_by_email(session, normalise_email(email))
        return user if user is not None and user.role == Role.admin else None
    return repository.first_admin(session)
