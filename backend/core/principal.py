"""Who is acting: the value every endpoint receives and every query is scoped by.

Authentication (session cookie, API key) produces a `Principal`; services and repositories read only this, never the
request. `project_ids` is the set of projects the principal may see; None means every project (admins).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, true
from sqlalchemy.orm import InstrumentedAttribute

from backend.core.errors import Forbidden
from backend.models import User


class Role(enum.StrEnum):
    admin = "admin"  # sees and manages everything, runs the GPU queue
    analyst = "analyst"  # reads and writes in the projects they belong to
    viewer = "viewer"  # reads in the projects they belong to, changes nothing


@dataclass(frozen=True)
class Principal:
    user: User
    role: Role
    project_ids: frozenset[str] | None = None

    @property
    def is_admin(self) -> bool:
        return self.role == Role.admin

    @property
    def can_write(self) -> bool:
        return self.role != Role.viewer

    def sees_project(self, project_id: str) -> bool:
        return self.project_ids is None or project_id in self.project_ids

    def narrowed(self, project_id: str) -> Principal:
        """The same principal seeing only `project_id` (which it must see already), e.g. for one API request."""
        assert self.sees_project(project_id), "narrowing cannot widen what a principal sees"
        return replace(self, project_ids=frozenset({project_id}))


def in_scope(column: InstrumentedAttribute[str], principal: Principal) -> ColumnElement[bool]:
    """The WHERE clause every repository adds: the object's project is one the principal sees (all, for admins).
    Anything else reads as missing, so another project's object is a 404 that does not confirm it exists."""
    if principal.project_ids is None:
        return true()
    return column.in_(sorted(principal.project_ids))


def require_write(principal: Principal, action: str) -> None:
    """Viewers see their projects' objects but change nothing; called once the object is known to be visible."""
    if not principal.can_write:
        raise Forbidden(f"Viewers cannot {action}; ask an admin for the analyst role.")
