"""Mixtures: previewed in the request (the token budget per source), materialised by a CPU worker into a dataset
whose version 1 is the mixture (operation `mixture`), claimed and finished like cleanings and data reports."""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import or_
from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core.db import utcnow
from backend.core.errors import Conflict, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.principal import Principal, require_write
from backend.core.queue import MATERIALISE_MIXTURE, enqueue
from backend.core.storage import LocalStorage
from backend.mixtures import repository
from backend.mixtures.planning import SourceIn, plan
from backend.mixtures.schemas import MixtureCreate
from backend.models import Dataset, DatasetVersion, Mixture
from backend.versions import service as versions

BYTES_PER_TOKEN = 4  # the fallback estimate without a data report


@dataclass(frozen=True)
class MixtureJob:
    mixture_id: str
    token: str
    dataset_id: str  # the dataset it becomes
    destination_key: str
    seed: int
    sources: list[tuple[str, int, int]]  # (local path, records, records to write)


def _available_tokens(session: Session, dataset: Dataset, version: DatasetVersion) -> tuple[int, str]:
    result = repository.newest_report_result(session, dataset.id)
    records = version.record_count or 0
    if result and result.get("records"):
        per_record = result["tokens"]["total"]["total"] / result["records"]
        return round(per_record * records), "report"
    return (version.size_bytes or 0) // BYTES_PER_TOKEN, "chars/4"


def preview(session: Session, principal: Principal, body: MixtureCreate) -> dict[str, Any]:
    """The token budget per source; every source must be a succeeded version of the same kind, in one project."""
    found: list[tuple[Dataset, DatasetVersion, int, str]] = []
    project: str | None = None
    for position, source in enumerate(body.sources):
        field = f"sources[{position}].dataset_version_id"
        try:
            version = versions.get(session, principal, source.dataset_version_id, project)
        except NotFound:
            where = " in the project of the first source" if project else ""
            raise InvalidInput(f"No dataset version {source.dataset_version_id!r}{where}.", field=field) from None
        if version.status != "succeeded":
            raise InvalidInput(f"Version {version.id} is {version.status}; only succeeded versions mix.", field=field)
        dataset = session.get(Dataset, version.dataset_id)
        assert dataset is not None  # a foreign key
        if found and dataset.format != found[0][0].format:
            raise InvalidInput(
                f"Version {version.id} holds {dataset.format} records but the first source holds "
                f"{found[0][0].format}; mix sources of one kind.",
                field=field,
            )
        project = dataset.project_id
        tokens, estimate = _available_tokens(session, dataset, version)
        found.append((dataset, version, tokens, estimate))
    inputs = [
        SourceIn(v.record_count or 0, t, s.ratio, s.target_tokens, s.sampling)
        for (_, v, t, _), s in zip(found, body.sources, strict=True)
    ]
    planned = plan(inputs)
    total = sum(p.tokens for p in planned)
    budgets = [
        {
            "dataset_version_id": v.id,
            "dataset_id": d.id,
            "dataset_name": d.name,
            "version": v.number,
            "records": v.record_count or 0,
            "available_tokens": tokens,
            "estimate": estimate,
            "target_tokens": p.target_tokens,
            "tokens": p.tokens,
            "share": p.tokens / total if total else 0.0,
            "records_out": p.records,
            "factor": p.factor,
            "capped": p.capped,
        }
        for (d, v, tokens, estimate), p in zip(found, planned, strict=True)
    ]
    return {
        "kind": found[0][0].format,
        "project_id": project,
        "total_tokens": total,
        "total_records": sum(p.records for p in planned),
        "approximate": any(b["estimate"] != "report" for b in budgets),
        "sources": budgets,
    }


def create(session: Session, principal: Principal, body: MixtureCreate) -> Mixture:
    budget = preview(session, principal, body)
    require_write(principal, "create mixtures")
    if budget["total_records"] == 0:
        raise InvalidInput("The mixture would hold no records; give its sources larger ratios or targets.")
    project = budget.pop("project_id")
    mixture = Mixture(
        id=new_id("mix"),
        owner_id=principal.user.id,
        project_id=project,
        name=body.name,
        version=repository.next_version(session, project, body.name),
        seed=body.seed,
        kind=budget["kind"],
        sources=[s.model_dump() for s in body.sources],
        plan=budget,
        status="queued",
        progress=0.0,
    )
    session.add(mixture)
    session.flush()
    audit.record(session, principal, "mixture.created", ("mixture", mixture.id), name=mixture.name)
    enqueue(session, MATERIALISE_MIXTURE, mixture.id)
    return mixture


def get(session: Session, principal: Principal, mixture_id: str) -> Mixture:
    mixture = repository.get_visible(session, mixture_id, principal)
    if mixture is None:
        raise NotFound(f"No mixture {mixture_id!r}.", field="mixture_id")
    return mixture


def delete(session: Session, principal: Principal, mixture_id: str) -> None:
    """Delete the recipe; the dataset it was materialised into is a dataset of its own and stays."""
    mixture = get(session, principal, mixture_id)
    require_write(principal, "delete mixtures")
    if mixture.status in ("queued", "running"):
        raise Conflict(f"Mixture {mixture.id} is being materialised; delete it once it has succeeded or failed.")
    session.delete(mixture)
    session.flush()
    audit.record(session, principal, "mixture.deleted", ("mixture", mixture.id), name=mixture.name)


def list_page(
    session: Session, principal: Principal, cursor: str | None, limit: int
) -> tuple[Sequence[Mixture], str | None]:
    rows = repository.list_visible(session, principal, cursor, limit + 1)
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)


def claim(session: Session, storage: LocalStorage, mixture_id: str, stale_after_seconds: float) -> MixtureJob | None:
    mixture = repository.get(session, mixture_id)
    if mixture is None:
        return None
    now, token = utcnow(), secrets.token_hex(16)
    stale = (Mixture.status == "running") & (Mixture.heartbeat_at < now - timedelta(seconds=stale_after_seconds))
    values = {"status": "running", "lease_token": token, "heartbeat_at": now, "progress": 0.0}
    if not repository.conditional_update(session, mixture_id, or_(Mixture.status == "queued", stale), values):
        return None
    sources = []
    for budget in mixture.plan["sources"]:
        version = session.get(DatasetVersion, budget["dataset_version_id"])
        if version is None or version.storage_key is None:  # its dataset was deleted after the mixture was saved
            error = f"source version {budget['dataset_version_id']} no longer exists (its dataset was deleted)"
            values = {"status": "failed", "error": error, "finished_at": utcnow()}
            repository.conditional_update(session, mixture_id, Mixture.lease_token == token, values)
            return None
        sources.append((str(storage.local_path(version.storage_key)), version.record_count or 0, budget["records_out"]))
    dataset_id = new_id("ds")
    return MixtureJob(mixture.id, token, dataset_id, f"datasets/{dataset_id}/records.jsonl", mixture.seed, sources)


def _guarded(job: MixtureJob) -> Any:
    return (Mixture.status == "running") & (Mixture.lease_token == job.token)


def record_progress(session: Session, job: MixtureJob, progress: float) -> bool:
    values = {"progress": min(max(progress, 0.0), 1.0), "heartbeat_at": utcnow()}
    return repository.conditional_update(session, job.mixture_id, _guarded(job), values)


def succeeded(session: Session, job: MixtureJob, *, sha256: str, records: int, size_bytes: int) -> bool:
    """Record the materialised dataset (its version 1 is the mixture) — only while the claim still holds."""
    mixture = repository.get(session, job.mixture_id)
    if mixture is None or mixture.status != "running" or mixture.lease_token != job.token:
        return False
    name = f"{mixture.name} v{mixture.version}"
    dataset = Dataset(
        id=job.dataset_id,
        owner_id=mixture.owner_id,
        project_id=mixture.project_id,
        name=name[:200],
        filename=f"{mixture.id}.jsonl",
        format=mixture.kind,
        source_format="mixture",
        storage_key=job.destination_key,
        size_bytes=size_bytes,
        sha256=sha256,
        record_count=records,
    )
    session.add(dataset)
    session.flush()
    version = DatasetVersion(
        id=new_id("dsv"),
        dataset_id=dataset.id,
        owner_id=mixture.owner_id,
        project_id=mixture.project_id,
        number=1,
        operation="mixture",
        parameters={"mixture_id": mixture.id, "seed": mixture.seed, "sources": mixture.sources},
        status="succeeded",
        progress=1.0,
        storage_key=job.destination_key,
        sha256=sha256,
        records_before=sum(s[1] for s in job.sources),
        record_count=records,
        size_bytes=size_bytes,
        result={"plan": mixture.plan},
        finished_at=utcnow(),
    )
    session.add(version)
    session.flush()
    values = {
        "status": "succeeded",
        "progress": 1.0,
        "dataset_id": dataset.id,
        "dataset_version_id": version.id,
        "finished_at": utcnow(),
    }
    return repository.conditional_update(session, job.mixture_id, _guarded(job), values)


def failed(session: Session, job: MixtureJob, error: str) -> bool:
    values = {"status": "failed", "error": error, "finished_at": utcnow()}
    return repository.conditional_update(session, job.mixture_id, _guarded(job), values)
