from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import ColumnElement, CursorResult, delete, exists, select
from sqlalchemy.orm import Session

from backend.models import Comparison, Dataset, DatasetReport, Evaluation, Mixture, Project, ProjectMember, Run, User


def get(session: Session, project_id: str, scope: ColumnElement[bool]) -> Project | None:
    return session.scalar(select(Project).where(Project.id == project_id, scope))


def get_any(session: Session, project_id: str) -> Project | None:
    return session.get(Project, project_id)


def by_slug(session: Session, slug: str) -> Project | None:
    return session.scalar(select(Project).where(Project.slug == slug))


def by_name(session: Session, name: str) -> Project | None:
    return session.scalar(select(Project).where(Project.name == name))


def list_visible(session: Session, scope: ColumnElement[bool]) -> Sequence[Project]:
    return session.scalars(select(Project).where(scope).order_by(Project.name)).all()


def ids_of_member(session: Session, user_id: str) -> list[str]:
    """The user's projects, oldest membership first (the first is their default project)."""
    query = (
        select(ProjectMember.project_id)
        .where(ProjectMember.user_id == user_id)
        .order_by(ProjectMember.created_at, ProjectMember.project_id)
    )
    return list(session.scalars(query).all())


def is_member(session: Session, project_id: str, user_id: str) -> bool:
    query = select(ProjectMember).where(ProjectMember.project_id == project_id, ProjectMember.user_id == user_id)
    return session.scalar(query) is not None


def members(session: Session, project_id: str) -> Sequence[tuple[ProjectMember, User]]:
    query = (
        select(ProjectMember, User)
        .join(User, User.id == ProjectMember.user_id)
        .where(ProjectMember.project_id == project_id)
        .order_by(User.email)
    )
    return [(m, u) for m, u in session.execute(query).tuples()]


def add_member(session: Session, project_id: str, user_id: str) -> ProjectMember:
    member = ProjectMember(project_id=project_id, user_id=user_id)
    session.add(member)
    session.flush()
    return member


def remove_member(session: Session, project_id: str, user_id: str) -> bool:
    query = delete(ProjectMember).where(ProjectMember.project_id == project_id, ProjectMember.user_id == user_id)
    result = session.execute(query.execution_options(synchronize_session=False))
    assert isinstance(result, CursorResult)
    return result.rowcount == 1


def holds_objects(session: Session, project_id: str) -> list[str]:
    """The kinds of object still in the project (datasets, runs, ...), in that order."""
    kinds = (
        ("datasets", Dataset.project_id),
        ("runs", Run.project_id),
        ("evaluations", Evaluation.project_id),
        ("data reports", DatasetReport.project_id),
        ("comparisons", Comparison.project_id),
        ("mixtures", Mixture.project_id),
    )
    return [name for name, column in kinds if session.scalar(select(exists().where(column == project_id)))]


def user_by_email(session: Session, email: str) -> User | None:
    return session.scalar(select(User).where(User.email == email))
