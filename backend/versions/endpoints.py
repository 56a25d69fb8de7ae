from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from backend.core.deps import CurrentPrincipal, SessionDep, StorageDep
from backend.core.errors import ERROR_RESPONSES
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, RecordOffset, RecordSearch
from backend.datasets.schemas import MASK_PREVIEW_RESPONSES, MaskLossOn, MaskModel, MaskPreview, RecordIndex
from backend.versions import service
from backend.versions.schemas import (
    CleaningCreate,
    DatasetVersionList,
    DatasetVersionRead,
    SplitCreate,
    SplitRead,
    VersionRecord,
    VersionRecords,
)

router = APIRouter(tags=["dataset versions"], responses=ERROR_RESPONSES)


@router.get("/datasets/{dataset_id}/versions", response_model=DatasetVersionList)
def list_(
    dataset_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
) -> DatasetVersionList:
    """The dataset's versions, newest first, each with its parent and the operation that made it (lineage)."""
    rows, next_cursor = service.list_page(session, principal, dataset_id, cursor, limit)
    return DatasetVersionList(items=[DatasetVersionRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.post("/datasets/{dataset_id}/clean", status_code=status.HTTP_202_ACCEPTED, response_model=DatasetVersionRead)
def clean(
    dataset_id: str, body: CleaningCreate, session: SessionDep, principal: CurrentPrincipal
) -> DatasetVersionRead:
    """Clean a version of the dataset into a new version: exact and near dedup, length bounds, garbage and PII
    filters, each optional. A CPU worker computes it; poll the version for its progress and before/after counts."""
    return DatasetVersionRead.model_validate(service.create_cleaning(session, principal, dataset_id, body))


@router.post("/datasets/{dataset_id}/split", status_code=status.HTTP_201_CREATED, response_model=SplitRead)
def split(
    dataset_id: str, body: SplitCreate, session: SessionDep, principal: CurrentPrincipal, storage: StorageDep
) -> SplitRead:
    """Split a version into a train and an eval version: disjoint, together every record once, the same for the
    same seed. A run on the dataset id then trains on the train side (eval splits are never the newest)."""
    train, held_out = service.split(session, principal, storage, dataset_id, body)
    return SplitRead(train=DatasetVersionRead.model_validate(train), eval=DatasetVersionRead.model_validate(held_out))


@router.get("/dataset-versions/{version_id}", response_model=DatasetVersionRead)
def get(version_id: str, session: SessionDep, principal: CurrentPrincipal) -> DatasetVersionRead:
    return DatasetVersionRead.model_validate(service.get(session, principal, version_id))


@router.get("/dataset-versions/{version_id}/records", response_model=VersionRecords)
def records(
    version_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    storage: StorageDep,
    offset: RecordOffset = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    q: RecordSearch = None,
) -> VersionRecords:
    """The version's records (none until it has succeeded), in order, a page at a time, or those matching `q`; each
    says its 0-based `index` and its 1-based `number`."""
    version = service.get(session, principal, version_id)
    query = q if q and q.strip() else None
    items, next_offset = service.read_records(storage, version, offset, limit, query)
    return VersionRecords(
        items=[VersionRecord(index=i, number=i + 1, record=r) for i, r in items],
        total=version.record_count or 0,
        next_offset=next_offset,
        q=query,
    )


@router.get(
    "/dataset-versions/{version_id}/records/{index}/mask-preview",
    response_model=MaskPreview,
    responses=MASK_PREVIEW_RESPONSES,
)
def mask_preview(
    version_id: str,
    index: RecordIndex,
    session: SessionDep,
    principal: CurrentPrincipal,
    storage: StorageDep,
    model: MaskModel = "tiny-chat",
    loss_on: MaskLossOn = "assistant",
) -> MaskPreview:
    """The loss-mask preview of one of the version's records: what a run on this version trains, token by token."""
    return MaskPreview.model_validate(
        service.mask_preview(session, principal, storage, version_id, index, model, loss_on)
    )
