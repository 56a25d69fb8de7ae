from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path, PurePath
from typing import Any, BinaryIO, Literal

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.catalog import service as catalog
from backend.core.db import after_commit
from backend.core.errors import Conflict, InvalidInput, NotFound, PayloadTooLarge
from backend.core.ids import new_id
from backend.core.principal import Principal, require_write
from backend.core.queue import PREVIEW_MASK, call
from backend.core.storage import LocalStorage
from backend.datasets import repository, search
from backend.datasets.formats import ALL_FORMATS
from backend.datasets.ingest import IngestResult, ingest, stage_upload
from backend.datasets.readers import ENCODINGS, SUPPORTED
from backend.models import Dataset, DatasetVersion
from backend.projects import service as projects

PREVIEW_TIMEOUT_SECONDS = 30
QUARANTINE_FILE = "quarantine.jsonl"  # beside records.jsonl: the bad records set aside at upload
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def _display_name(filename: str) -> str:
    # Only for display: the stored file gets a generated key, never this name.
    name = PurePath(_CONTROL.sub("", filename).replace("\\", "/")).name[:255]
    return name if name not in ("", ".", "..") else "upload"


OnInvalid = Literal["reject", "quarantine"]


def _refusal(display: str, result: IngestResult, on_invalid: OnInvalid) -> InvalidInput:
    """Why the upload is refused, and whether accepting its good records with the bad ones set aside could help."""
    first = result.problems[0]
    more = f" ({result.problem_count - 1} more problems listed)" if result.problem_count > 1 else ""
    good, bad = result.record_count, result.problem_count
    quarantinable = result.readable and good > 0
    if not result.readable:
        advice = "part of the file cannot be read, so it cannot be accepted in part; fix the file and upload it again"
    elif not good:
        advice = f"no record of {display} is valid, so there is nothing to train on; fix the file and upload it again"
    else:
        advice = (
            f"fix the file and upload it again, or upload it to POST /api/datasets with on_invalid=quarantine to keep "
            f"its {good} valid record(s) and set the {bad} bad one(s) aside"
        )
    asked = " (on_invalid=quarantine was asked for)" if on_invalid == "quarantine" else ""
    return InvalidInput(
        f"{first.sentence()}{more}. Nothing was stored{asked}: {advice}.",
        field="file",
        extra={
            "problems": [p.as_dict() for p in result.problems],
            "problem_count": result.problem_count,
            "valid_count": good if result.readable else 0,
            "quarantinable": quarantinable,
        },
    )


def create_from_upload(
    session: Session,
    principal: Principal,
    storage: LocalStorage,
    *,
    filename: str,
    stream: BinaryIO,
    name: str | None,
    max_bytes: int,
    requested: str = "auto",
    columns: str | None = None,
    on_invalid: OnInvalid = "reject",
    project_id: str | None = None,
) -> Dataset:
    """Validate an upload whole and store its normalised records.

    A bad record refuses the whole file, unless `on_invalid` is `quarantine`: then the good records become the
    dataset and the bad ones are stored raw beside them, each with its problem. Either way a refused upload keeps
    nothing, and a file without one good record (or with a part that cannot be read) is always refused.
    """
    project = projects.for_write(session, principal, project_id, "upload datasets")
    display = _display_name(filename)
    dataset_id = new_id("ds")
    staging = storage.staging_dir()
    raw, staged = staging / f"{dataset_id}.upload", staging / f"{dataset_id}.jsonl"
    quarantine = staging / f"{dataset_id}.quarantine.jsonl"
    try:
        try:
            size = stage_upload(stream, raw, max_bytes)
        except OverflowError:
            raise PayloadTooLarge(
                f"{display} is larger than the upload limit of {max_bytes // (1024 * 1024)} MiB "
                "(TUNEWRIGHT_MAX_UPLOAD_MB).",
                field="file",
            ) from None
        result = ingest(raw, display, staged, quarantine, requested=requested, columns=columns)
        if result.problems and (on_invalid == "reject" or not result.readable or not result.record_count):
            raise _refusal(display, result, on_invalid)
        if result.record_count == 0:
            raise InvalidInput(f"{display} holds no records; add at least one (blank lines are skipped).", field="file")
        folder = f"datasets/{dataset_id}"
        dataset = Dataset(
            id=dataset_id,
            owner_id=principal.user.id,
            project_id=project,
            name=(_CONTROL.sub("", name or "").strip() or Path(display).stem or display)[:200],
            filename=display,
            format=result.kind,
            source_format=result.source_format,
            detection_confidence=result.confidence,
            encoding=result.encoding,
            storage_key=f"{folder}/records.jsonl",
            size_bytes=size,
            sha256=result.sha256,
            record_count=result.record_count,
            quarantined_count=result.problem_count,
        )
        session.add(dataset)
        session.flush()
        session.add(_upload_version(dataset))
        session.flush()
        try:
            storage.import_file(dataset.storage_key, staged)
            if result.problem_count:
                storage.import_file(f"{folder}/{QUARANTINE_FILE}", quarantine)
        except BaseException:
            storage.delete(folder)  # the transaction rolls back too: no row, no files
            raise
        return dataset
    finally:
        for path in (raw, staged, quarantine):
            path.unlink(missing_ok=True)


def _upload_version(dataset: Dataset) -> DatasetVersion:
    """Version 1: the upload's own records file, whose hash the ingest already computed."""
    return DatasetVersion(
        id=new_id("dsv"),
        dataset_id=dataset.id,
        owner_id=dataset.owner_id,
        project_id=dataset.project_id,
        number=1,
        operation="upload",
        parameters={},
        status="succeeded",
        progress=1.0,
        storage_key=dataset.storage_key,
        sha256=dataset.sha256,
        records_before=dataset.record_count,
        record_count=dataset.record_count,
        size_bytes=dataset.size_bytes,
        finished_at=dataset.created_at,
    )


def formats() -> dict[str, Any]:
    """The accepted formats, each with one example record, for the upload form."""
    return {
        "items": [
            {
                "name": f.name,
                "override": f.family,
                "kind": f.kind,
                "title": f.title,
                "description": f.description,
                "fields": list(f.fields),
                "example": f.example,
            }
            for f in ALL_FORMATS
        ],
        "file_types": SUPPORTED,
        "encodings": [*ENCODINGS, "utf-8-sig"],
    }


def ensure_sample(session: Session, principal: Principal, storage: LocalStorage, path: Path, name: str) -> Dataset:
    """Register the bundled sample dataset once (in the principal's default project), so a new user can start the
    demo run right away."""
    existing = repository.get_by_name(session, projects.default_project_id(session, principal), name)
    if existing is not None:
        return existing
    with path.open("rb") as stream:
        return create_from_upload(
            session, principal, storage, filename=path.name, stream=stream, name=name, max_bytes=path.stat().st_size
        )


def get(session: Session, principal: Principal, dataset_id: str, project_id: str | None = None) -> Dataset:
    """A dataset the principal sees (in `project_id`, when another object in that project refers to it); any other
    dataset is missing, whether or not it exists elsewhere."""
    dataset = repository.get_visible(session, dataset_id, principal, project_id)
    if dataset is None:
        where = " in this project" if project_id else ""
        raise NotFound(f"No dataset {dataset_id!r}{where}.", field="dataset_id")
    return dataset


def list_page(
    session: Session,
    principal: Principal,
    cursor: str | None,
    limit: int,
    ascending: bool = False,
    project_id: str | None = None,
) -> tuple[Sequence[Dataset], str | None]:
    """Newest first (oldest first when ascending), after `cursor`; the cursor of the next page or None."""
    rows = repository.list_visible(session, principal, project_id, cursor, limit + 1, ascending)
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)


def delete(session: Session, principal: Principal, storage: LocalStorage, dataset_id: str) -> None:
    """Delete a dataset and its records; refused while a run uses it (the run's record would lose its data)."""
    dataset = get(session, principal, dataset_id)
    require_write(principal, "delete datasets")
    users = repository.runs_using(session, dataset.id, 4)
    if users:
        shown = ", ".join(users[:3]) + (", …" if len(users) > 3 else "")
        raise Conflict(
            f"Dataset {dataset.id} is the training or eval data of run(s) {shown}; it is kept while a run uses it."
        )
    session.delete(dataset)
    session.flush()
    audit.record(session, principal, "dataset.deleted", ("dataset", dataset.id), name=dataset.name)
    after_commit(session, lambda: storage.delete(f"datasets/{dataset.id}"))


def open_records(session: Session, principal: Principal, storage: LocalStorage, dataset_id: str) -> BinaryIO:
    """The normalised records (JSONL), as training reads them."""
    return storage.open(get(session, principal, dataset_id).storage_key)


def _read_lines(storage: LocalStorage, key: str, offset: int, limit: int) -> tuple[list[tuple[int, Any]], int | None]:
    """Up to `limit` JSON lines from `offset` on, each with its index; the offset of the next page or None."""
    items: list[tuple[int, Any]] = []
    with storage.open(key) as f:
        for index, line in enumerate(f):
            if index < offset:
                continue
            if len(items) == limit:
                return items, index
            items.append((index, json.loads(line)))
    return items, None


def read_records(
    storage: LocalStorage, dataset: Dataset, offset: int, limit: int, q: str | None = None
) -> tuple[list[tuple[int, dict[str, Any]]], int | None]:
    """A page of records from `offset` on; with `q`, only those whose text holds it (see backend.datasets.search)."""
    if not q:
        return _read_lines(storage, dataset.storage_key, offset, limit)
    with storage.open(dataset.storage_key) as f:
        return search.scan(f, q, offset, limit)


def read_quarantine(
    storage: LocalStorage, dataset: Dataset, offset: int, limit: int
) -> tuple[list[tuple[int, dict[str, Any]]], int | None]:
    """The records set aside at upload, as stored: file, line, unit, field, message and raw text."""
    if not dataset.quarantined_count:
        return [], None
    return _read_lines(storage, f"datasets/{dataset.id}/{QUARANTINE_FILE}", offset, limit)


def read_record(storage: LocalStorage, dataset: Dataset, index: int) -> dict[str, Any]:
    items, _ = read_records(storage, dataset, index, 1)
    if not items:
        raise NotFound(
            f"Dataset {dataset.id} has records #1 to #{dataset.record_count} (index 0 to {dataset.record_count - 1}); "
            f"there is no record #{index + 1} (index {index}).",
            field="index",
        )
    return items[0][1]


def mask_preview(
    session: Session,
    principal: Principal,
    storage: LocalStorage,
    dataset_id: str,
    index: int,
    model_name: str,
    loss_on: str,
) -> dict[str, Any]:
    """Render one record with a model's chat template, token by token, marking what training puts loss on."""
    dataset = get(session, principal, dataset_id)
    require_conversations(dataset, "dataset_id")
    record = read_record(storage, dataset, index)
    return {"dataset_id": dataset.id, **render_mask(session, record, index, model_name, loss_on)}


def require_conversations(dataset: Dataset, field: str) -> None:
    if dataset.format != "messages":
        raise InvalidInput(
            f"Dataset {dataset.id} holds {dataset.format} records; the loss-mask preview renders conversations "
            "(datasets of format messages) only.",
            field=field,
        )


def render_mask(session: Session, record: dict[str, Any], index: int, model_name: str, loss_on: str) -> dict[str, Any]:
    """The record rendered by a CPU worker with the model's template, each token marked trained or not."""
    models = catalog.candidates(session, model_name)
    if len(models) != 1:
        names = ", ".join(m.name for m in models)
        raise InvalidInput(f"{model_name!r} is a family; name one of its models: {names}.", field="model")
    model = models[0]
    family = catalog.family_chat_template(session, model)  # what a run on this base model would train with
    payload = {
        "model_path": model.source,
        "default_system_prompt": model.default_system_prompt,
        "record": record,
        "loss_on": loss_on,
        "family_template": family[0] if family else None,
        "family_template_from": family[1] if family else None,
    }
    answer = call(PREVIEW_MASK, payload, timeout=PREVIEW_TIMEOUT_SECONDS)
    if "error" in answer:
        if answer.get("kind") == "data":
            raise InvalidInput(
                f"Record #{index + 1} (index {index}) cannot be rendered with {model.name}'s template: {answer['error']}"
            )
        raise RuntimeError(f"mask preview failed in the worker: {answer['error']}")
    tokens = answer["tokens"]
    return {
        "index": index,
        "model": model.name,
        "template": answer["template"],
        "template_reason": answer["template_reason"],
        "default_system_prompt": model.default_system_prompt,
        "loss_on": loss_on,
        "tokens": tokens,
        "trained_tokens": sum(1 for t in tokens if t["trained"]),
        "total_tokens": len(tokens),
    }
