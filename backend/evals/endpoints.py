from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.core.deps import CurrentPrincipal, SessionDep, StorageDep
from backend.core.errors import ERROR_RESPONSES
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from backend.evals import service
from backend.evals.schemas import (
    EvaluationCreate,
    EvaluationItem,
    EvaluationItems,
    EvaluationList,
    EvaluationRead,
    EvaluationStatus,
    evaluation_read,
)

router = APIRouter(prefix="/evaluations", tags=["evaluations"], responses=ERROR_RESPONSES)


@router.post("", status_code=status.HTTP_201_CREATED, response_model=EvaluationRead)
def create(
    body: EvaluationCreate, session: SessionDep, principal: CurrentPrincipal, storage: StorageDep
) -> EvaluationRead:
    """Evaluate a checkpoint or a catalog model on eval sets now; a GPU worker picks it up."""
    return evaluation_read(service.create(session, principal, storage, body))


@router.get("", response_model=EvaluationList)
def list_(
    session: SessionDep,
    principal: CurrentPrincipal,
    run_id: str | None = None,
    checkpoint_id: str | None = None,
    status: EvaluationStatus | None = None,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    project_id: Annotated[str | None, Query(description="Only this project's evaluations.")] = None,
) -> EvaluationList:
    """The evaluations of your projects, newest first; narrow by project, run, checkpoint or status."""
    rows, next_cursor = service.list_page(
        session,
        principal,
        run_id=run_id,
        checkpoint_id=checkpoint_id,
        status=status,
        cursor=cursor,
        limit=limit,
        project_id=project_id,
    )
    return EvaluationList(items=[evaluation_read(r) for r in rows], next_cursor=next_cursor)


@router.get("/{evaluation_id}", response_model=EvaluationRead)
def get(evaluation_id: str, session: SessionDep, principal: CurrentPrincipal) -> EvaluationRead:
    return evaluation_read(service.get(session, principal, evaluation_id))


@router.get("/{evaluation_id}/items", response_model=EvaluationItems)
def items(evaluation_id: str, session: SessionDep, principal: CurrentPrincipal, storage: StorageDep) -> EvaluationItems:
    """Every multiple-choice question's scores and chosen answer (for the model and, on general sets, the
    reference); empty until the evaluation succeeds."""
    rows = service.read_items(session, principal, storage, evaluation_id)
    return EvaluationItems(items=[EvaluationItem.model_validate(r) for r in rows])
