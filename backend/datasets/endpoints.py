from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, File, Form, Query, Request, UploadFile, status

from backend.core.deps import CurrentPrincipal, SessionDep, SettingsDep, StorageDep
from backend.core.errors import ERROR_RESPONSES, PayloadTooLarge
from backend.core.pagination import DEFAULT_LIMIT, MAX_LIMIT, RecordOffset, RecordSearch
from backend.datasets import service
from backend.datasets.formats import Requested
from backend.datasets.schemas import (
    MASK_PREVIEW_RESPONSES,
    DatasetFormats,
    DatasetList,
    DatasetRead,
    DatasetRecord,
    DatasetRecords,
    MaskLossOn,
    MaskModel,
    MaskPreview,
    QuarantinedRecord,
    QuarantinedRecords,
    RecordIndex,
)
from backend.datasets.service import OnInvalid

router = APIRouter(prefix="/datasets", tags=["datasets"], responses=ERROR_RESPONSES)


UPLOAD_DESCRIPTION = """Upload a dataset. Its format is detected from its first records (or forced with `format`), every
record is validated and normalised. With `on_invalid=reject` (the default) any bad record refuses the file and
nothing is stored: the 422 lists the problems, each naming the file, line (or Parquet row) and field, and says
how many records were valid (`valid_count`) and whether the file could be accepted in part (`quarantinable`).
With `on_invalid=quarantine` the valid records become the dataset and the bad ones are set aside, counted in
`quarantined_count` and listed by GET /api/datasets/{id}/quarantine; a file with no valid record, or with a
part that cannot be read (broken JSON array, a line over 16 MiB, a bad encoding), is refused all the same.

Files: JSONL, JSON (an array of objects), CSV/TSV (a header row), Parquet, .txt/.md text (cut into records
of at most 2000 characters on paragraph boundaries), and documents: .pdf (one record per page, with `page`) and
.docx (one record per heading section, with `section`). Text encodings: UTF-8 (with or without a BOM), then
GB18030. Compressed files are not unpacked; a password-protected or scanned (text-less) PDF is refused.

Formats (`format`): `openai` chat messages, `alpaca`, `sharegpt` (with tool calls), `preference` pairs (OpenAI
DPO, ShareGPT pairs, prompt/chosen/rejected), `kto` (messages + label) and `text`. GET /api/datasets/formats
lists them with an example record each."""


@router.post("", status_code=status.HTTP_201_CREATED, response_model=DatasetRead, description=UPLOAD_DESCRIPTION)
def upload(
    request: Request,
    session: SessionDep,
    principal: CurrentPrincipal,
    storage: StorageDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="JSONL, JSON, CSV/TSV, Parquet, .txt, .md, .pdf or .docx.")],
    name: Annotated[str | None, Form(max_length=200)] = None,
    format: Annotated[
        Requested, Form(description="`auto` detects the format; any other value forces that format (family).")
    ] = "auto",
    columns: Annotated[
        str | None,
        Form(
            description='JSON mapping format fields to the file\'s columns, e.g. {"instruction": "question", '
            '"output": "answer"}; without it, columns named like a format\'s fields are used.'
        ),
    ] = None,
    on_invalid: Annotated[
        OnInvalid,
        Form(
            description="`reject` refuses a file with any bad record; `quarantine` keeps the valid records and "
            "sets the bad ones aside, listed with their problems."
        ),
    ] = "reject",
    project_id: Annotated[
        str | None, Form(description="The project it goes into; your default project when left out.")
    ] = None,
) -> DatasetRead:
    declared = int(request.headers.get("content-length") or 0)
    if declared > settings.max_upload_bytes + 64 * 1024:
        raise PayloadTooLarge(f"The upload is larger than the limit of {settings.max_upload_mb} MiB.", field="file")
    dataset = service.create_from_upload(
        session,
        principal,
        storage,
        filename=file.filename or "",
        stream=file.file,
        name=name,
        max_bytes=settings.max_upload_bytes,
        requested=format,
        columns=columns,
        on_invalid=on_invalid,
        project_id=project_id,
    )
    return DatasetRead.model_validate(dataset)


@router.get("/formats", response_model=DatasetFormats)
def formats() -> DatasetFormats:
    """The accepted dataset formats, each with one example record."""
    return DatasetFormats.model_validate(service.formats())


@router.get("", response_model=DatasetList)
def list_(
    session: SessionDep,
    principal: CurrentPrincipal,
    cursor: str | None = None,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = DEFAULT_LIMIT,
    project_id: Annotated[str | None, Query(description="Only this project's datasets.")] = None,
) -> DatasetList:
    rows, next_cursor = service.list_page(session, principal, cursor, limit, project_id=project_id)
    return DatasetList(items=[DatasetRead.model_validate(r) for r in rows], next_cursor=next_cursor)


@router.get("/{dataset_id}", response_model=DatasetRead)
def get(dataset_id: str, session: SessionDep, principal: CurrentPrincipal) -> DatasetRead:
    return DatasetRead.model_validate(service.get(session, principal, dataset_id))


@router.get("/{dataset_id}/records", response_model=DatasetRecords)
def records(
    dataset_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    storage: StorageDep,
    offset: RecordOffset = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
    q: RecordSearch = None,
) -> DatasetRecords:
    """A page of the dataset's normalised records, or of those matching `q`; each says its 0-based `index` and its
    1-based `number` (the record number the UI and server messages use)."""
    dataset = service.get(session, principal, dataset_id)
    query = q if q and q.strip() else None
    items, next_offset = service.read_records(storage, dataset, offset, limit, query)
    return DatasetRecords(
        items=[DatasetRecord(index=i, number=i + 1, record=r) for i, r in items],
        total=dataset.record_count,
        next_offset=next_offset,
        q=query,
    )


@router.get("/{dataset_id}/quarantine", response_model=QuarantinedRecords)
def quarantine(
    dataset_id: str,
    session: SessionDep,
    principal: CurrentPrincipal,
    storage: StorageDep,
    offset: Annotated[int, Query(ge=0)] = 0,
    limit: Annotated[int, Query(ge=1, le=MAX_LIMIT)] = 20,
) -> QuarantinedRecords:
    """The bad records set aside when the dataset was uploaded with on_invalid=quarantine, each with its problem."""
    dataset = service.get(session, principal, dataset_id)
    items, next_offset = service.read_quarantine(storage, dataset, offset, limit)
    return QuarantinedRecords(
        items=[QuarantinedRecord(index=i, number=i + 1, **entry) for i, entry in items],
        total=dataset.quarantined_count,
        next_offset=next_offset,
    )


@router.get(
    "/{dataset_id}/records/{index}/mask-preview",
    response_model=MaskPreview,
    responses=MASK_PREVIEW_RESPONSES,
)
def mask_preview(
    dataset_id: str,
    index: RecordIndex,
    session: SessionDep,
    principal: CurrentPrincipal,
    storage: StorageDep,
    model: MaskModel = "tiny-chat",
    loss_on: MaskLossOn = "assistant",
) -> MaskPreview:
    """The loss-mask preview: the record rendered with the model's chat template, token by token, each marked
    trained or not — exactly what a run on this model would train."""
    return MaskPreview.model_validate(
        service.mask_preview(session, principal, storage, dataset_id, index, model, loss_on)
    )
