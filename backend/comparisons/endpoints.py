from __future__ import annotations

import csv
import io
import json
from typing import Annotated, Literal

from fastapi import APIRouter, Query, Response, status
from sqlalchemy.orm import Session

from backend.comparisons import service
from backend.comparisons.schemas import (
    ComparisonCreate,
    ComparisonList,
    ComparisonRead,
    ComparisonResults,
    NextPair,
    RatingCreate,
    RatingRead,
    SamplingSettings,
)
from backend.core.deps import CurrentPrincipal, SessionDep, StorageDep
from backend.core.errors import ERROR_RESPONSES
from backend.models import Comparison

router = APIRouter(prefix="/comparisons", tags=["comparisons"], responses=ERROR_RESPONSES)
EXPORT_COLUMNS = [
    "rating_id", "pair_id", "prompt", "reference", "first_candidate", "first_answer", "second_candidate",
    "second_answer", "shown_as_a", "rater", "choice", "winner", "comment", "rated_at",
]  # fmt: skip


def _read(session: Session, row: Comparison) -> ComparisonRead:
    return ComparisonRead(
        id=row.id,
        project_id=row.project_id,
        name=row.name,
        dataset_id=row.dataset_id,
        candidates=row.candidates,
        sampling=SamplingSettings.model_validate(row.sampling),
        status=row.status,  # type: ignore[arg-type]
        progress=row.progress,
        prompt_count=len(row.prompts),
        pair_count=service.pair_count(session, row.id),
        error=row.error,
        attempts=row.attempts,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )


@router.post("", status_code=status.HTTP_201_CREATED, response_model=ComparisonRead)
def create(
    body: ComparisonCreate, session: SessionDep, principal: CurrentPrincipal, storage: StorageDep
) -> ComparisonRead:
    """Start a blind side-by-side study; a CPU worker generates every candidate's answers, then pairs can be rated."""
    return _read(session, service.create(session, principal, storage, body))


@router.get("", response_model=ComparisonList)
def list_(
    session: SessionDep,
    principal: CurrentPrincipal,
    limit: Annotated[int, Query(ge=1, le=200)] = 50,
    cursor: Annotated[str | None, Query(description="`next_cursor` of the previous page.")] = None,
    project_id: Annotated[str | None, Query(description="Only this project's studies.")] = None,
) -> ComparisonList:
    """Your side-by-side studies, newest first, a page at a time."""
    rows, next_cursor = service.list_page(session, principal, limit, cursor, project_id)
    return ComparisonList(items=[_read(session, c) for c in rows], next_cursor=next_cursor)


@router.get("/{comparison_id}", response_model=ComparisonRead)
def get(comparison_id: str, session: SessionDep, principal: CurrentPrincipal) -> ComparisonRead:
    return _read(session, service.get(session, principal, comparison_id))


@router.get("/{comparison_id}/next", response_model=NextPair)
def next_pair(
    comparison_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    rater: str = "",
    skip: Annotated[list[str] | None, Query(max_length=500)] = None,
) -> NextPair:
    """The next pair this rater has not rated (nor skipped), answers A/B in this rater's order, names hidden."""
    return service.next_pair(session, principal, comparison_id, rater, skip or [])


@router.post("/{comparison_id}/ratings", status_code=status.HTTP_201_CREATED, response_model=RatingRead)
def rate(comparison_id: str, body: RatingCreate, session: SessionDep, principal: CurrentPrincipal) -> RatingRead:
    """Record A, B or tie for a pair; a rater rates each pair once (409 the second time)."""
    r = service.rate(session, principal, comparison_id, body)
    return RatingRead(
        id=r.id, pair_id=r.pair_id, rater=r.rater, choice=body.choice, comment=r.comment, created_at=r.created_at
    )


@router.get("/{comparison_id}/results", response_model=ComparisonResults)
def results(comparison_id: str, session: SessionDep, principal: CurrentPrincipal) -> ComparisonResults:
    """Win rates per pair of candidates (ties half, Wilson 95 % CI), Bradley-Terry/Elo ranking, ratings per rater."""
    return service.results(session, principal, comparison_id)


@router.get("/{comparison_id}/export", response_class=Response)
def export(
    comparison_id: str, session: SessionDep, principal: CurrentPrincipal, format: Literal["csv", "json"] = "csv"
) -> Response:
    """Every rating with its prompt, both answers and the candidates' names, as CSV or JSON."""
    rows = service.export_rows(session, principal, comparison_id)
    filename = f"{comparison_id}-ratings.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{filename}"'}
    if format == "json":
        return Response(json.dumps(rows, ensure_ascii=False, indent=1), media_type="application/json", headers=headers)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=EXPORT_COLUMNS)
    writer.writeheader()
    writer.writerows(rows)
    return Response(out.getvalue(), media_type="text/csv", headers=headers)
