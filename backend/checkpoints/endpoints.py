from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query

from backend.checkpoints import service
from backend.checkpoints.schemas import CheckpointList, CheckpointRead
from backend.core.deps import CurrentUser, SessionDep
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT

router = APIRouter(prefix="/checkpoints", tags=["checkpoints"])


@router.get("", response_model=CheckpointList)
def list_(
    session: SessionDep,
    user: CurrentUser,
    run_id: str | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> CheckpointList:
    """Checkpoints of your runs, newest first; `run_id` narrows to one run."""
    rows, next_cursor = service.list_page(session, user, run_id, cursor, limit)
    return CheckpointList(items=[CheckpointRead.model_validate(r) for r in rows], next_cursor=next_cursor)
