"""`/v1`: OpenAI's files, fine-tuning jobs and models API, so the official SDKs work by changing `base_url`.

Errors on these paths are rendered in OpenAI's shape by backend/core/errors.py; the admin key (when configured)
is checked by the router's dependency.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated, Literal

from fastapi import APIRouter, File, Form, Query, UploadFile
from fastapi.responses import StreamingResponse

from backend.core.deps import ApiKeyRequired, OpenAIPrincipal, SessionDep, SettingsDep, StorageDep
from backend.openai_compat import service, views
from backend.openai_compat.schemas import (
    FileDeleted,
    FileList,
    FileObject,
    Job,
    JobCheckpointList,
    JobCreate,
    JobEventList,
    JobList,
    Model,
    ModelList,
)

router = APIRouter(prefix="/v1", tags=["openai"], dependencies=[ApiKeyRequired])


@router.post("/files", response_model=FileObject)
def create_file(
    session: SessionDep,
    principal: OpenAIPrincipal,
    storage: StorageDep,
    settings: SettingsDep,
    file: Annotated[UploadFile, File(description="Training data: any format the datasets API accepts.")],
    purpose: Annotated[str, Form(description="Must be `fine-tune`.")],
) -> FileObject:
    """Upload training data. It is a dataset upload: validated whole, nothing kept on any problem."""
    dataset = service.upload_file(
        session, principal, storage, settings, filename=file.filename or "", stream=file.file, purpose=purpose
    )
    return views.file_object(dataset)


@router.get("/files", response_model=FileList)
def list_files(
    session: SessionDep,
    principal: OpenAIPrincipal,
    purpose: str | None = None,
    limit: Annotated[int, Query(ge=1, le=10_000)] = 10_000,
    after: str | None = None,
    order: Literal["asc", "desc"] = "desc",
) -> FileList:
    rows, has_more = service.list_files(session, principal, purpose, limit, after, order == "asc")
    data = [views.file_object(r) for r in rows]
    first, last = (data[0].id, data[-1].id) if data else (None, None)
    return FileList(data=data, has_more=has_more, first_id=first, last_id=last)


@router.get("/files/{file_id}", response_model=FileObject)
def retrieve_file(file_id: str, session: SessionDep, principal: OpenAIPrincipal) -> FileObject:
    return views.file_object(service.get_file(session, principal, file_id))


@router.delete("/files/{file_id}", response_model=FileDeleted)
def delete_file(file_id: str, session: SessionDep, principal: OpenAIPrincipal, storage: StorageDep) -> FileDeleted:
    """Delete a file; refused (409) while a job trains or trained on it, so a job never loses its data."""
    service.delete_file(session, principal, storage, file_id)
    return FileDeleted(id=file_id, deleted=True)


@router.get("/files/{file_id}/content", response_class=StreamingResponse)
def file_content(
    file_id: str, session: SessionDep, principal: OpenAIPrincipal, storage: StorageDep
) -> StreamingResponse:
    """The file's records as JSONL, normalised to the workbench's internal shape (what training reads)."""
    stream = service.file_content(session, principal, storage, file_id)

    def chunks() -> Iterator[bytes]:
        with stream:
            yield from iter(lambda: stream.read(64 * 1024), b"")

    return StreamingResponse(chunks(), media_type="application/jsonl")


@router.post("/fine_tuning/jobs", response_model=Job)
def create_job(
    body: JobCreate, session: SessionDep, principal: OpenAIPrincipal, storage: StorageDep, settings: SettingsDep
) -> Job:
    """Create a job: a training run. 'auto' hyperparameters are resolved now and reported back."""
    return views.job(service.create_job(session, principal, storage, settings, body))


@router.get("/fine_tuning/jobs", response_model=JobList)
def list_jobs(
    session: SessionDep,
    principal: OpenAIPrincipal,
    after: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 20,
) -> JobList:
    views_, has_more = service.list_jobs(session, principal, after, limit)
    return JobList(data=[views.job(v) for v in views_], has_more=has_more)


@router.get("/fine_tuning/jobs/{fine_tuning_job_id}", response_model=Job)
def retrieve_job(fine_tuning_job_id: str, session: SessionDep, principal: OpenAIPrincipal) -> Job:
    return views.job(service.get_job(session, principal, fine_tuning_job_id))


@router.post("/fine_tuning/jobs/{fine_tuning_job_id}/cancel", response_model=Job)
def cancel_job(fine_tuning_job_id: str, session: SessionDep, principal: OpenAIPrincipal) -> Job:
    return views.job(service.cancel_job(session, principal, fine_tuning_job_id))


@router.post("/fine_tuning/jobs/{fine_tuning_job_id}/pause", response_model=Job)
def pause_job(fine_tuning_job_id: str, session: SessionDep, principal: OpenAIPrincipal) -> Job:
    """A queued job pauses at once; a running one stops at a checkpoint after its current step."""
    return views.job(service.pause_job(session, principal, fine_tuning_job_id))


@router.post("/fine_tuning/jobs/{fine_tuning_job_id}/resume", response_model=Job)
def resume_job(fine_tuning_job_id: str, session: SessionDep, principal: OpenAIPrincipal) -> Job:
    """A paused job is queued again and continues from its newest checkpoint."""
    return views.job(service.resume_job(session, principal, fine_tuning_job_id))


@router.get("/fine_tuning/jobs/{fine_tuning_job_id}/events", response_model=JobEventList)
def list_job_events(
    fine_tuning_job_id: str,
    session: SessionDep,
    principal: OpenAIPrincipal,
    after: str | None = None,
    limit: Annotated[int, Query(ge=1, le=1000)] = 20,
) -> JobEventList:
    """Newest first: status changes, log lines and checkpoints (`message`) and one `metrics` event per step."""
    rows, has_more = service.job_events(session, principal, fine_tuning_job_id, after, limit)
    return JobEventList(data=[views.event(r) for r in rows], has_more=has_more)


@router.get("/fine_tuning/jobs/{fine_tuning_job_id}/checkpoints", response_model=JobCheckpointList)
def list_job_checkpoints(
    fine_tuning_job_id: str,
    session: SessionDep,
    principal: OpenAIPrincipal,
    after: str | None = None,
    limit: Annotated[int, Query(ge=1, le=200)] = 10,
) -> JobCheckpointList:
    view, rows, has_more = service.job_checkpoints(session, principal, fine_tuning_job_id, after, limit)
    data = [views.checkpoint(view, r) for r in rows]
    first, last = (data[0].id, data[-1].id) if data else (None, None)
    return JobCheckpointList(data=data, has_more=has_more, first_id=first, last_id=last)


@router.get("/models", response_model=ModelList)
def list_models(session: SessionDep, principal: OpenAIPrincipal) -> ModelList:
    """The catalog's models and every fine-tuned model (`ft:<base>:<project slug>:<suffix>:<job id>`)."""
    models, finished = service.list_models(session, principal)
    return ModelList(data=[views.model(m) for m in models] + [views.model(v) for v in finished])


@router.get("/models/{model_id}", response_model=Model)
def retrieve_model(model_id: str, session: SessionDep, principal: OpenAIPrincipal) -> Model:
    return views.model(service.get_model(session, principal, model_id))
