from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.core.deps import CurrentPrincipal, SessionDep
from backend.core.errors import ERROR_RESPONSES
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT
from backend.reports import service
from backend.reports.schemas import ReportCreate, ReportList, ReportRead

router = APIRouter(tags=["reports"], responses=ERROR_RESPONSES)


@router.post("/datasets/{dataset_id}/reports", status_code=status.HTTP_202_ACCEPTED, response_model=ReportRead)
def create(dataset_id: str, body: ReportCreate, session: SessionDep, principal: CurrentPrincipal) -> ReportRead:
    """Request a data report of the dataset: token counts per role with the model's tokenizer, languages, exact
    and near duplicates, garbage, empty and over-long records, PII-looking strings and, with `compare_with`,
    contamination with another dataset. A CPU worker computes it; poll the report for its progress."""
    return ReportRead.model_validate(service.create(session, principal, dataset_id, body))


@router.get("/datasets/{dataset_id}/reports", response_model=ReportList)
def list_(
    dataset_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> ReportList:
    """The dataset's reports, latest first."""
    rows, next_cursor = service.list_page(session, principal, dataset_id, cursor, limit)
    return ReportList(items=[ReportRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/reports/{report_id}", response_model=ReportRead)
def get(report_id: str, session: SessionDep, principal: CurrentPrincipal) -> ReportRead:
    return ReportRead.model_validate(service.get(session, principal, report_id))
