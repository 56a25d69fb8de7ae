"""Projects (workspaces): who belongs where, which project a new object lands in, and the project rules.

Membership grants access at the user's global role: members see the project's objects, and members who are not
viewers change them and manage the project. Admins see and manage every project without being members.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from sqlalchemy.orm import Session

from backend.core.errors import Conflict, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.principal import Principal, in_scope, require_write
from backend.models import DEFAULT_PROJECT_ID, Project, ProjectMember, User
from backend.projects import repository
from backend.projects.schemas import ProjectCreate, ProjectUpdate

_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def project_ids_of(session: Session, user: User) -> list[str]:
    """The user's projects, the default (first joined) first."""
    return repository.ids_of_member(session, user.id)


def get(session: Session, principal: Principal, project_id: str) -> Project:
    project = repository.get(session, project_id, in_scope(Project.id, principal))
    if project is None:
        raise NotFound(f"No project {project_id!r}; GET /api/projects lists yours.", field="project_id")
    return project


def list_visible(session: Session, principal: Principal) -> Sequence[Project]:
    return repository.list_visible(session, in_scope(Project.id, principal))


def default_project_id(session: Session, principal: Principal) -> str:
    """Where a new object lands when no project is named: the first project the principal joined; for an admin
    without memberships, the Default project."""
    joined = [p for p in repository.ids_of_member(session, principal.user.id) if principal.sees_project(p)]
    if joined:
        return joined[0]
    if principal.project_ids is not None and len(principal.project_ids) == 1:
        return next(iter(principal.project_ids))  # narrowed to one project (an admin's OpenAI-Project header)
    if principal.project_ids is None and repository.get_any(session, DEFAULT_PROJECT_ID) is not None:
        return DEFAULT_PROJECT_ID
    raise InvalidInput("You belong to no project yet; ask an admin to add you to one.", field="project_id")


def for_write(session: Session, principal: Principal, project_id: str | None, action: str) -> str:
    """The project a new object goes into: the one named (which the principal must see) or their default, and the
    principal must be allowed to write."""
    chosen = get(session, principal, project_id or default_project_id(session, principal)).id
    require_write(principal, action)
    return chosen


def resolve_reference(session: Session, principal: Principal, reference: str) -> Project:
    """A project named by id or by slug (what the `OpenAI-Project` header carries)."""
    project = repository.get(session, reference, in_scope(Project.id, principal))
    if project is None and (by_slug := repository.by_slug(session, reference)) is not None:
        project = by_slug if principal.sees_project(by_slug.id) else None
    if project is None:
        raise NotFound(f"No project {reference!r}; name one of yours by id or slug.", field="OpenAI-Project")
    return project


def narrowed_to(session: Session, principal: Principal, reference: str | None) -> Principal:
    """The principal narrowed to the project `reference` names (by id or slug), as a project-scoped OpenAI key is:
    lists, reads and new objects stay inside it. Without a reference, all the principal's projects."""
    if reference is None or not reference.strip():
        return principal
    return principal.narrowed(resolve_reference(session, principal, reference.strip()).id)


def slugs(session: Session, project_ids: Sequence[str]) -> dict[str, str]:
    found = (repository.get_any(session, project_id) for project_id in set(project_ids))
    return {p.id: p.slug for p in found if p is not None}


def _slug_from(name: str) -> str:
    return _NOT_SLUG.sub("-", name.lower()).strip("-")[:64] or "project"


def create(session: Session, principal: Principal, body: ProjectCreate) -> Project:
    require_write(principal, "create projects")
    name = body.name.strip()
    if not name:
        raise InvalidInput("A project needs a name that is not blank.", field="name")
    if repository.by_name(session, name) is not None:
        raise Conflict(f"A project named {name!r} exists already; choose another name.", field="name")
    slug = body.slug or _slug_from(name)
    if repository.by_slug(session, slug) is not None:
        if body.slug:
            raise Conflict(f"The slug {slug!r} is taken; choose another one.", field="slug")
        slug = f"{slug[:51]}-{new_id('x')[-12:]}"
    project = Project(
        id=new_id("prj"), name=name, slug=slug, description=body.description, created_by=principal.user.id
    )
    session.add(project)
    session.flush()
    repository.add_member(session, project.id, principal.user.id)
    return project


def _manageable(session: Session, principal: Principal, project_id: str) -> Project:
    project = get(session, principal, project_id)
    require_write(principal, "manage projects")
    return project


def update(session: Session, principal: Principal, project_id: str, body: ProjectUpdate) -> Project:
    project = _manageable(session, principal, project_id)
    if body.name is not None and body.name.strip() != project.name:
        name = body.name.strip()
        if not name:
            raise InvalidInput("A project needs a name that is not blank.", field="name")
        if repository.by_name(session, name) is not None:
            raise Conflict(f"A project named {name!r} exists already; choose another name.", field="name")
        project.name = name
    if body.description is not None:
        project.description = body.description
    session.flush()
    return project


def delete(session: Session, principal: Principal, project_id: str) -> None:
    """Only an empty project can go: its objects would otherwise be left without a project."""
    project = _manageable(session, principal, project_id)
    if project.id == DEFAULT_PROJECT_ID:
        raise Conflict("The Default project is where admins' work lands and cannot be deleted.")
    kinds = repository.holds_objects(session, project.id)
    if kinds:
        raise Conflict(f"Project {project.name!r} still holds {', '.join(kinds)}; delete them first, then the project.")
    session.delete(project)
    session.flush()


def members(session: Session, principal: Principal, project_id: str) -> Sequence[tuple[ProjectMember, User]]:
    return repository.members(session, get(session, principal, project_id).id)


def add_member(session: Session, principal: Principal, project_id: str, email: str) -> tuple[ProjectMember, User]:
    project = _manageable(session, principal, project_id)
    user = repository.user_by_email(session, email.strip())
    if user is None:
        raise NotFound(f"No user with the email {email!r}; they need an account first.", field="email")
    if repository.is_member(session, project.id, user.id):
        raise Conflict(f"{user.email} is a member of {project.name} already.", field="email")
    return repository.add_member(session, project.id, user.id), user


def remove_member(session: Session, principal: Principal, project_id: str, user_id: str) -> None:
    project = _manageable(session, principal, project_id)
    if not repository.remove_member(session, project.id, user_id):
        raise NotFound(f"User {user_id!r} is not a member of {project.name}.", field="user_id")


def ensure_member(session: Session, user: User, project_id: str = DEFAULT_PROJECT_ID) -> None:
    """Set-up: the default user (and a bootstrapped admin) belong to the Default project."""
    if repository.get_any(session, project_id) is not None and not repository.is_member(session, project_id, user.id):
        repository.add_member(session, project_id, user.id)
