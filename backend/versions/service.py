"""Dataset versions: immutable, content-hashed record sets with lineage.

Version 1 is written at upload (datasets.service); cleaning is computed by a CPU worker (claim → progress →
succeeded | failed on the shared lease of backend.core.leases, which the reaper recovers); a split is cheap (one streaming
copy) and happens in the request.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.catalog import service as catalog
from backend.core.db import utcnow
from backend.core.errors import Conflict, DomainError, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.leases import LeasedJobs
from backend.core.principal import Principal, require_write
from backend.core.queue import CLEAN_DATASET
from backend.core.storage import LocalStorage
from backend.datasets import search
from backend.datasets import service as datasets
from backend.models import Dataset, DatasetVersion
from backend.versions import repository
from backend.versions.schemas import CleaningCreate, SplitCreate
from backend.versions.splitting import eval_positions, split_file

JOBS = LeasedJobs(DatasetVersion, CLEAN_DATASET)


@dataclass(frozen=True)
class CleaningJob:
    """What a worker needs to clean a claimed version."""

    version_id: str
    token: str
    source_path: str
    destination_key: str
    kind: str
    records: int
    options: dict[str, Any]
    model_path: str | None
    family_template: str | None
    default_system_prompt: str | None


def storage_key(dataset_id: str, version_id: str) -> str:
    # Inside the dataset's folder, so deleting the dataset deletes its versions' files too.
    return f"datasets/{dataset_id}/versions/{version_id}.jsonl"


def get(session: Session, principal: Principal, version_id: str, project_id: str | None = None) -> DatasetVersion:
    version = repository.get_visible(session, version_id, principal, project_id)
    if version is None:
        where = " in this project" if project_id else ""
        raise NotFound(f"No dataset version {version_id!r}{where}.", field="version_id")
    return version


def list_page(
    session: Session, principal: Principal, dataset_id: str, cursor: str | None, limit: int
) -> tuple[Sequence[DatasetVersion], str | None]:
    """Newest first; the cursor is the number of the last version shown."""
    dataset = datasets.get(session, principal, dataset_id)
    if cursor is not None and not cursor.isdigit():
        raise InvalidInput("cursor must be the next_cursor of the previous page (a version number).", field="cursor")
    rows = repository.list_for_dataset(session, dataset.id, int(cursor) if cursor else None, limit + 1)
    return rows[:limit], (str(rows[limit - 1].number) if len(rows) > limit else None)


def newest_for_training(session: Session, dataset: Dataset) -> DatasetVersion:
    """What a dataset id means to a run: its newest succeeded version that is not an eval split."""
    version = repository.newest_for_training(session, dataset.id)
    assert version is not None, "every dataset has its upload as version 1"
    return version


def for_run(session: Session, principal: Principal, dataset: Dataset, version_id: str | None) -> DatasetVersion:
    """The version a run trains on: the one named (which must be a succeeded version of `dataset`) or the newest."""
    if version_id is None:
        return _require_records(newest_for_training(session, dataset))
    version = repository.get_visible(session, version_id, principal, dataset.project_id)
    if version is None or version.dataset_id != dataset.id:
        raise InvalidInput(
            f"No version {version_id!r} of dataset {dataset.id}; list them with GET /api/datasets/{dataset.id}/versions.",
            field="dataset_version_id",
        )
    _require_ready(version, "dataset_version_id")
    return _require_records(version)


def _require_records(version: DatasetVersion) -> DatasetVersion:
    if not version.record_count:
        raise InvalidInput(
            f"Version {version.number} ({version.id}) holds no records (its filters dropped them all); train on "
            "another version or clean with looser filters.",
            field="dataset_version_id",
        )
    return version


def _require_ready(version: DatasetVersion, field: str) -> None:
    if version.status != "succeeded":
        raise InvalidInput(
            f"Version {version.id} is {version.status}, so it has no records yet; wait for it to succeed"
            + (" or clean again." if version.status == "failed" else "."),
            field=field,
        )


def _parent(session: Session, principal: Principal, dataset: Dataset, version_id: str | None) -> DatasetVersion:
    if version_id is None:
        return newest_for_training(session, dataset)
    version = repository.get_visible(session, version_id, principal, dataset.project_id)
    if version is None or version.dataset_id != dataset.id:
        raise InvalidInput(f"No version {version_id!r} of dataset {dataset.id}.", field="parent_version_id")
    _require_ready(version, "parent_version_id")
    return version


def _new_version(
    session: Session,
    principal: Principal,
    dataset: Dataset,
    parent: DatasetVersion,
    operation: str,
    parameters: dict[str, Any],
    **values: Any,
) -> DatasetVersion:
    version = DatasetVersion(
        id=new_id("dsv"),
        dataset_id=dataset.id,
        owner_id=principal.user.id,
        project_id=dataset.project_id,
        parent_id=parent.id,
        operation=operation,
        parameters=parameters,
        records_before=parent.record_count or 0,
        progress=0.0,
        **values,
    )
    if not repository.add_numbered(session, version):
        raise Conflict(f"Other changes to dataset {dataset.id} were saved at the same moment; send the request again.")
    return version


def create_cleaning(session: Session, principal: Principal, dataset_id: str, body: CleaningCreate) -> DatasetVersion:
    """Queue the cleaning of a version into a new one; a CPU worker computes it once the transaction commits."""
    dataset = datasets.get(session, principal, dataset_id)
    require_write(principal, "clean datasets")
    parent = _parent(session, principal, dataset, body.parent_version_id)
    if body.model is not None:
        models = catalog.candidates(session, body.model)
        if len(models) != 1:
            names = ", ".join(m.name for m in models)
            raise InvalidInput(f"{body.model!r} is a family; name one of its models: {names}.", field="model")
        body = body.model_copy(update={"model": models[0].name})
    parameters = body.model_dump(exclude={"parent_version_id"})
    version = _new_version(session, principal, dataset, parent, "clean", parameters, status="queued")
    audit.record(session, principal, "dataset.clean_requested", ("dataset_version", version.id), dataset=dataset.id)
    JOBS.dispatch(session, version)
    return version


def split(
    session: Session, principal: Principal, storage: LocalStorage, dataset_id: str, body: SplitCreate
) -> tuple[DatasetVersion, DatasetVersion]:
    """Two new versions, train and eval, disjoint and together holding every record of the parent once."""
    dataset = datasets.get(session, principal, dataset_id)
    require_write(principal, "split datasets")
    parent = _parent(session, principal, dataset, body.parent_version_id)
    total = parent.record_count or 0
    eval_count = body.eval_count if body.eval_count is not None else max(1, round(total * (body.eval_fraction or 0)))
    if total < 2 or eval_count >= total:
        raise InvalidInput(
            f"Version {parent.id} has {total} record(s); the eval side must leave at least one for training "
            f"(asked for {eval_count}). Hold out fewer records.",
            field="eval_count" if body.eval_count is not None else "eval_fraction",
        )
    assert parent.storage_key is not None  # succeeded
    parameters = {"eval_fraction": body.eval_fraction, "eval_count": eval_count, "seed": body.seed}
    train = _new_version(session, principal, dataset, parent, "split", parameters, status="running", role="train")
    held_out = _new_version(session, principal, dataset, parent, "split", parameters, status="running", role="eval")
    staging = storage.staging_dir()
    train_tmp, eval_tmp = staging / f"{train.id}.jsonl", staging / f"{held_out.id}.jsonl"
    keys = [storage_key(dataset.id, v.id) for v in (train, held_out)]
    try:
        chosen = eval_positions(total, eval_count, body.seed)
        written = split_file(storage.local_path(parent.storage_key), chosen, train_tmp, eval_tmp)
        now = utcnow()
        result = {"seed": body.seed, "train_records": written[0].records, "eval_records": written[1].records}
        for version, out, key in zip((train, held_out), written, keys, strict=True):
            storage.import_file(key, out.path)
            version.storage_key, version.sha256 = key, out.sha256
            version.record_count, version.size_bytes = out.records, out.size_bytes
            version.status, version.progress, version.result, version.finished_at = "succeeded", 1.0, result, now
        session.flush()
    except BaseException:
        for key in keys:
            storage.delete(key)
        raise
    finally:
        train_tmp.unlink(missing_ok=True)
        eval_tmp.unlink(missing_ok=True)
    audit.record(session, principal, "dataset.split", ("dataset", dataset.id), train=train.id, eval=held_out.id)
    return train, held_out


def read_records(
    storage: LocalStorage, version: DatasetVersion, offset: int, limit: int, q: str | None = None
) -> tuple[list[tuple[int, dict[str, Any]]], int | None]:
    """A page of the version's records from `offset` on; with `q`, only those whose text holds it (the dataset
    record browser's search, backend.datasets.search). Nothing until the version has succeeded."""
    if version.status != "succeeded" or version.storage_key is None:
        return [], None
    with storage.open(version.storage_key) as f:
        if q:
            return search.scan(f, q, offset, limit)
        items: list[tuple[int, dict[str, Any]]] = []
        for index, line in enumerate(f):
            if index < offset:
                continue
            if len(items) == limit:
                return items, index
            items.append((index, json.loads(line)))
    return items, None


def mask_preview(
    session: Session,
    principal: Principal,
    storage: LocalStorage,
    version_id: str,
    index: int,
    model_name: str,
    loss_on: str,
) -> dict[str, Any]:
    """The loss-mask preview of one of the version's records (what a run on this version trains)."""
    version = get(session, principal, version_id)
    dataset = session.get(Dataset, version.dataset_id)
    assert dataset is not None  # a foreign key
    datasets.require_conversations(dataset, "version_id")
    items, _ = read_records(storage, version, index, 1)
    if not items:
        raise NotFound(
            f"Version {version.id} has no record #{index + 1} (index {index}); it holds {version.record_count or 0}.",
            field="index",
        )
    preview = datasets.render_mask(session, items[0][1], index, model_name, loss_on)
    return {"dataset_id": dataset.id, "dataset_version_id": version.id, **preview}


def claim(
    session: Session, storage: LocalStorage, version_id: str, lease_seconds: float, worker: str | None = None
) -> CleaningJob | None:
    """Take a queued cleaning under a lease; None when there is nothing to do."""
    version = repository.get(session, version_id)
    if version is None or version.operation != "clean":
        return None
    model = None
    if version.parameters.get("model") and version.parameters.get("length_unit") == "tokens":
        try:
            model = catalog.candidates(session, version.parameters["model"])[0]
        except DomainError as exc:  # the model left the catalog since the request
            JOBS.refuse(session, version_id, exc.detail)
            return None
    claimed = JOBS.claim(session, version_id, lease_seconds, worker)
    if claimed is None:
        return None
    token, version = claimed
    parent = repository.get(session, version.parent_id or "")
    dataset = session.get(Dataset, version.dataset_id)
    assert parent is not None and parent.storage_key is not None and dataset is not None
    family = catalog.family_chat_template(session, model) if model is not None else None
    return CleaningJob(
        version_id=version.id,
        token=token,
        source_path=str(storage.local_path(parent.storage_key)),
        destination_key=storage_key(version.dataset_id, version.id),
        kind=dataset.format,
        records=parent.record_count or 0,
        options=dict(version.parameters),
        model_path=model.source if model is not None else None,
        family_template=family[0] if family else None,
        default_system_prompt=model.default_system_prompt if model is not None else None,
    )


def record_progress(session: Session, job: CleaningJob, progress: float) -> bool:
    return JOBS.progress(session, job.version_id, job.token, progress)


def succeeded(
    session: Session, job: CleaningJob, *, sha256: str, records: int, size_bytes: int, result: dict[str, Any]
) -> bool:
    values = {
        "storage_key": job.destination_key,
        "sha256": sha256,
        "record_count": records,
        "size_bytes": size_bytes,
        "result": result,
    }
    return JOBS.succeed(session, job.version_id, job.token, values)


def failed(session: Session, job: CleaningJob, error: str) -> bool:
    return JOBS.fail(session, job.version_id, job.token, error)
