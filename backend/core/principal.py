"""Who is acting: the value every endpoint receives and every query is scoped by.

Authentication (session cookie, API key) produces a `Principal`; services and repositories read only this, never the
request. `project_ids` is the set of projects the principal may see; None means every project (admins).
"""

from __future__ import annotations

import enum
from dataclasses import dataclass

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
