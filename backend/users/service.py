from __future__ import annotations

from sqlalchemy.orm import Session

from backend.core.errors import ServiceUnavailable
from backend.core.ids import new_id
from backend.core.principal import Principal, Role
from backend.models import User
from backend.projects import service as projects
from backend.users import repository

DEFAULT_EMAIL = "default@tunewright.local"


def ensure_default_user(session: Session) -> User:
    user = repository.get_by_email(session, DEFAULT_EMAIL)
    if user is None:
        user = User(id=new_id("usr"), email=DEFAULT_EMAIL, name="Default user")
        session.add(user)
        session.flush()
    projects.ensure_member(session, user)
    return user


def get_default_user(session: Session) -> User:
    user = repository.get_by_email(session, DEFAULT_EMAIL)
    if user is None:
        raise ServiceUnavailable("The workbench is not set up yet: run `make up` (or `python -m backend.cli setup`).")
    return user


def principal_for(session: Session, user: User) -> Principal:
    """What `user` may do: their role, and the projects they see (every project, for admins)."""
    role = Role.admin  # until accounts land, the one default user is an admin
    return principal_with_role(session, user, role)


def principal_with_role(session: Session, user: User, role: Role) -> Principal:
    """`user` acting with `role`: admins see every project, everyone else the projects they are a member of."""
    if role == Role.admin:
        return Principal(user=user, role=role, project_ids=None)
    return Principal(user=user, role=role, project_ids=frozenset(projects.project_ids_of(session, user)))
