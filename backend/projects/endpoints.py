from __future__ import annotations

from fastapi import APIRouter, Response, status

from backend.core.deps import CurrentPrincipal, SessionDep
from backend.core.errors import ERROR_RESPONSES
from backend.models import ProjectMember, User
from backend.projects import service
from backend.projects.schemas import (
    MemberAdd,
    MemberList,
    MemberRead,
    ProjectCreate,
    ProjectList,
    ProjectRead,
    ProjectUpdate,
)

router = APIRouter(prefix="/projects", tags=["projects"], responses=ERROR_RESPONSES)


@router.get("", response_model=ProjectList)
def list_(session: SessionDep, principal: CurrentPrincipal) -> ProjectList:
    """The projects you belong to (every project, for admins)."""
    return ProjectList(items=[ProjectRead.model_validate(p) for p in service.list_visible(session, principal)])


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ProjectRead)
def create(body: ProjectCreate, session: SessionDep, principal: CurrentPrincipal) -> ProjectRead:
    """Create a project (admins and analysts); you become its first member."""
    return ProjectRead.model_validate(service.create(session, principal, body))


@router.get("/{project_id}", response_model=ProjectRead)
def get(project_id: str, session: SessionDep, principal: CurrentPrincipal) -> ProjectRead:
    return ProjectRead.model_validate(service.get(session, principal, project_id))


@router.patch("/{project_id}", response_model=ProjectRead)
def update(project_id: str, body: ProjectUpdate, session: SessionDep, principal: CurrentPrincipal) -> ProjectRead:
    return ProjectRead.model_validate(service.update(session, principal, project_id, body))


@router.delete("/{project_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(project_id: str, session: SessionDep, principal: CurrentPrincipal) -> Response:
    """Delete an empty project; 409 while it still holds datasets, runs or other objects."""
    service.delete(session, principal, project_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


def _member(member: ProjectMember, user: User) -> MemberRead:
    return MemberRead(user_id=user.id, email=user.email, name=user.name, added_at=member.created_at)


@router.get("/{project_id}/members", response_model=MemberList)
def members(project_id: str, session: SessionDep, principal: CurrentPrincipal) -> MemberList:
    return MemberList(items=[_member(m, u) for m, u in service.members(session, principal, project_id)])


@router.post("/{project_id}/members", status_code=status.HTTP_201_CREATED, response_model=MemberRead)
def add_member(project_id: str, body: MemberAdd, session: SessionDep, principal: CurrentPrincipal) -> MemberRead:
    """Add an existing user by email (admins, or members who are not viewers)."""
    return _member(*service.add_member(session, principal, project_id, body.email))


@router.delete("/{project_id}/members/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
def remove_member(project_id: str, user_id: str, session: SessionDep, principal: CurrentPrincipal) -> Response:
    service.remove_member(session, principal, project_id, user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
