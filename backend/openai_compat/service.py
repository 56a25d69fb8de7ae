"""The adapter: each `/v1` operation is one call into the datasets, runs, checkpoints or catalog services.

Nothing here decides how training works; it translates the request (translate.py), calls the service that owns
the rule, and renames the fields a service complains about to the caller's parameter names.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import BinaryIO

from pydantic import ValidationError
from sqlalchemy.orm import Session

from backend.catalog import service as catalog
from backend.checkpoints import service as checkpoints
from backend.core.errors import DomainError, InvalidInput, NotFound, field_path
from backend.core.principal import Principal
from backend.core.settings import Settings
from backend.core.storage import LocalStorage
from backend.datasets import service as datasets
from backend.models import CatalogModel, Checkpoint, Dataset, OpenAIJob, Run, RunEvent, RunStatus
from backend.openai_compat import repository
from backend.openai_compat.schemas import JobCreate
from backend.openai_compat.translate import fine_tuned_model_name, run_id_of_model, to_spec
from backend.projects import service as projects
from backend.runs import service as runs
from specs.training import TrainingSpecCreate

FINE_TUNE = "fine-tune"
_EVENT_ID = re.compile(r"^ftevent-(\d+)$")


@dataclass(frozen=True)
class JobView:
    run: Run
    openai: OpenAIJob | None
    project: str  # the slug of the run's project, the project part of its fine-tuned model name


def _views(session: Session, rows: Sequence[Run]) -> list[JobView]:
    extras = repository.for_runs(session, (r.id for r in rows))
    slugs = projects.slugs(session, [r.project_id for r in rows])
    return [JobView(r, extras.get(r.id), slugs.get(r.project_id, r.project_id)) for r in rows]


# ---- files: a file is a dataset upload


def upload_file(
    session: Session,
    principal: Principal,
    storage: LocalStorage,
    settings: Settings,
    *,
    filename: str,
    stream: BinaryIO,
    purpose: str,
) -> Dataset:
    if purpose != FINE_TUNE:
        raise InvalidInput(
            f"purpose {purpose!r} is not supported here; upload training data with purpose 'fine-tune'.",
            field="purpose",
        )
    try:
        return datasets.create_from_upload(
            session,
            principal,
            storage,
            filename=filename,
            stream=stream,
            name=None,
            max_bytes=settings.max_upload_bytes,
        )
    except DomainError as exc:
        exc.field = "file" if exc.field else None
        raise


def list_files(
    session: Session, principal: Principal, purpose: str | None, limit: int, after: str | None, ascending: bool
) -> tuple[Sequence[Dataset], bool]:
    if purpose not in (None, FINE_TUNE):
        return [], False
    rows, next_cursor = datasets.list_page(session, principal, after, limit, ascending)
    return rows, next_cursor is not None


def get_file(session: Session, principal: Principal, file_id: str) -> Dataset:
    try:
        return datasets.get(session, principal, file_id)
    except NotFound:
        raise NotFound(f"No such file: {file_id!r}.", field="file_id") from None


def delete_file(session: Session, principal: Principal, storage: LocalStorage, file_id: str) -> None:
    get_file(session, principal, file_id)
    datasets.delete(session, principal, storage, file_id)


def file_content(session: Session, principal: Principal, storage: LocalStorage, file_id: str) -> BinaryIO:
    get_file(session, principal, file_id)
    return datasets.open_records(session, principal, storage, file_id)


# ---- jobs: a job is a run


def create_job(
    session: Session, principal: Principal, storage: LocalStorage, settings: Settings, body: JobCreate
) -> JobView:
    translation = to_spec(body)
    _file_param(session, principal, body.training_file, "training_file")
    if body.validation_file is not None:
        _file_param(session, principal, body.validation_file, "validation_file")
    try:
        spec = TrainingSpecCreate.model_validate(translation.spec)
    except ValidationError as exc:
        first = exc.errors()[0]
        param = translation.param(field_path(first["loc"]))
        raise InvalidInput(f"{param}: {first['msg']}", field=param) from None
    try:
        run = runs.create(session, principal, storage, settings, spec)
    except DomainError as exc:
        exc.field = translation.param(exc.field)
        raise
    extension = body.tunewright.model_dump(mode="json", exclude_unset=True) if body.tunewright else None
    row = OpenAIJob(
        run_id=run.id,
        suffix=body.suffix,
        job_metadata=body.metadata,
        method_type=translation.method_type,
        extension=extension,
    )
    repository.add(session, row)
    return _view(session, run)


def _file_param(session: Session, principal: Principal, file_id: str, param: str) -> Dataset:
    try:
        return datasets.get(session, principal, file_id)
    except NotFound:
        raise InvalidInput(
            f"invalid {param}: no uploaded file {file_id!r}; upload it with files.create first.", field=param
        ) from None


def _view(session: Session, run: Run) -> JobView:
    return _views(session, [run])[0]


def _run(session: Session, principal: Principal, job_id: str) -> Run:
    try:
        return runs.get(session, principal, job_id)
    except NotFound:
        raise NotFound(f"No fine-tuning job {job_id!r}.", field="fine_tuning_job_id") from None


def get_job(session: Session, principal: Principal, job_id: str) -> JobView:
    return _view(session, _run(session, principal, job_id))


def list_jobs(session: Session, principal: Principal, after: str | None, limit: int) -> tuple[list[JobView], bool]:
    rows, next_cursor = runs.list_page(session, principal, after, limit, None)
    return _views(session, rows), next_cursor is not None


def cancel_job(session: Session, principal: Principal, job_id: str) -> JobView:
    _run(session, principal, job_id)
    return _view(session, runs.cancel(session, principal, job_id))


def pause_job(session: Session, principal: Principal, job_id: str) -> JobView:
    _run(session, principal, job_id)
    return _view(session, runs.pause(session, principal, job_id))


def resume_job(session: Session, principal: Principal, job_id: str) -> JobView:
    _run(session, principal, job_id)
    return _view(session, runs.resume(session, principal, job_id))


def job_events(
    session: Session, principal: Principal, job_id: str, after: str | None, limit: int
) -> tuple[Sequence[RunEvent], bool]:
    """Newest first, like OpenAI; `after` is the id of the last event seen, and older ones follow."""
    before = None
    if after is not None:
        match = _EVENT_ID.match(after)
        if match is None:
            raise InvalidInput(f"after {after!r} is not an event id (ftevent-<number>).", field="after")
        before = int(match.group(1))
    _run(session, principal, job_id)
    return runs.recent_events(session, principal, job_id, before, limit)


def job_checkpoints(
    session: Session, principal: Principal, job_id: str, after: str | None, limit: int
) -> tuple[JobView, Sequence[Checkpoint], bool]:
    view = get_job(session, principal, job_id)
    rows, next_cursor = checkpoints.list_page(session, principal, job_id, after, limit)
    return view, rows, next_cursor is not None


# ---- models: the catalog and the jobs that succeeded


def list_models(session: Session, principal: Principal) -> tuple[Sequence[CatalogModel], list[JobView]]:
    finished: list[JobView] = []
    cursor: str | None = None
    while True:
        rows, cursor = runs.list_page(session, principal, cursor, 200, RunStatus.succeeded)
        finished += _views(session, rows)
        if cursor is None:
            return catalog.list_models(session), finished


def get_model(session: Session, principal: Principal, model_id: str) -> CatalogModel | JobView:
    missing = NotFound(f"The model {model_id!r} does not exist; GET /v1/models lists them.", field="model")
    run_id = run_id_of_model(model_id)
    if run_id is None:
        found = next((m for m in catalog.list_models(session) if m.name == model_id), None)
        if found is None:
            raise missing
        return found
    try:
        view = _view(session, runs.get(session, principal, run_id))
    except NotFound:
        raise missing from None
    suffix = view.openai.suffix if view.openai else None
    name = fine_tuned_model_name(view.run.model_name, suffix, run_id, view.project)
    if view.run.status != RunStatus.succeeded or name != model_id:
        raise missing
    return view
