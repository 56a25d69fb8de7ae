from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.core.deps import CurrentPrincipal, SessionDep
from backend.core.errors import ERROR_RESPONSES
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from backend.mixtures import service
from backend.mixtures.schemas import MixtureCreate, MixtureList, MixturePreview, MixtureRead

router = APIRouter(prefix="/mixtures", tags=["mixtures"], responses=ERROR_RESPONSES)


@router.post("/preview", response_model=MixturePreview)
def preview(body: MixtureCreate, session: SessionDep, principal: CurrentPrincipal) -> MixturePreview:
    """The token budget per source before anything runs: available tokens (from the newest data report, else
    bytes / 4 — `approximate` says so), the tokens and records each contributes, and its share."""
    return MixturePreview.model_validate(service.preview(session, principal, body))


@router.post("", status_code=status.HTTP_202_ACCEPTED, response_model=MixtureRead)
def create(body: MixtureCreate, session: SessionDep, principal: CurrentPrincipal) -> MixtureRead:
    """Save the mixture (the next version of its name) and materialise it on a CPU worker into a dataset of its
    own (`dataset_id` once succeeded), whose version 1 records the recipe."""
    return MixtureRead.model_validate(service.create(session, principal, body))


@router.get("", response_model=MixtureList)
def list_(
    session: SessionDep,
    principal: CurrentPrincipal,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> MixtureList:
    rows, next_cursor = service.list_page(session, principal, cursor, limit)
    return MixtureList(items=[MixtureRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.delete("/{mixture_id}", status_code=status.HTTP_204_NO_CONTENT)
def delete(mixture_id: str, session: SessionDep, principal: CurrentPrincipal) -> None:
    """Delete the mixture (its recipe); the dataset it was materialised into stays."""
    service.delete(session, principal, mixture_id)


@router.get("/{mixture_id}", response_model=MixtureRead)
def get(mixture_id: str, session: SessionDep, principal: CurrentPrincipal) -> MixtureRead:
    return MixtureRead.model_validate(service.get(session, principal, mixture_id))
