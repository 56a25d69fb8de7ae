from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from backend.checkpoints import service
from backend.checkpoints.schemas import CheckpointList, CheckpointRead
from backend.core.deps import CurrentPrincipal, SessionDep
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT

router = APIRouter(prefix="/checkpoints", tags=["checkpoints"])


@router.get("", response_model=CheckpointList)
def list_(
    session: SessionDep,
    principal: CurrentPrincipal,
    run_id: str | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    project_id: Annotated[str | None, Query(description="Only this project's checkpoints.")] = None,
) -> CheckpointList:
    """Checkpoints of your projects' runs, newest first; `run_id` narrows to one run, `project_id` to a project."""
    rows, next_cursor = service.list_page(session, principal, run_id, cursor, limit, project_id)
    return CheckpointList(items=[CheckpointRead.model_validate(r) for r in rows], next_cursor=next_cursor)
