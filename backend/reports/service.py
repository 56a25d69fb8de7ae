"""Data reports: requested through the API, computed by a CPU worker, read back with their progress.

The worker drives a report through `claim` → `record_progress` → `succeeded` | `failed` on the shared lease
(backend.core.leases): every write after the claim names the claim's token, so a second delivery of the same
message changes nothing, and the reaper queues again a report whose worker died.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from backend.catalog import service as catalog
from backend.core.errors import DomainError, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.leases import LeasedJobs
from backend.core.principal import Principal, require_write
from backend.core.queue import DATASET_REPORT
from backend.core.storage import LocalStorage
from backend.datasets import service as datasets
from backend.models import Dataset, DatasetReport
from backend.reports import repository
from backend.reports.schemas import ReportCreate

DEFAULT_MAX_LENGTH = 4096  # when neither the request nor the catalog names a context length
JOBS = LeasedJobs(DatasetReport, DATASET_REPORT)


@dataclass(frozen=True)
class ReportJob:
    """What a worker needs to compute a claimed report."""

    report_id: str
    token: str
    dataset_path: str
    kind: str
    records: int
    compare_path: str | None
    compare_kind: str | None
    compare_records: int
    model_path: str
    family_template: str | None
    default_system_prompt: str | None
    max_length: int
    near_duplicate_threshold: float


def create(session: Session, principal: Principal, dataset_id: str, body: ReportCreate) -> DatasetReport:
    """Queue a report of the dataset (in its project; a dataset compared with must be there too); the CPU worker
    picks it up once the transaction commits."""
    dataset = datasets.get(session, principal, dataset_id)
    require_write(principal, "request data reports")
    compare: Dataset | None = None
    if body.compare_with is not None:
        if body.compare_with == dataset.id:
            raise InvalidInput(
                "compare_with names the dataset itself; choose another dataset (e.g. your eval split) to look for "
                "records the two share.",
                field="compare_with",
            )
        try:
            compare = datasets.get(session, principal, body.compare_with, dataset.project_id)
        except NotFound:
            raise InvalidInput(f"compare_with: no dataset {body.compare_with!r}.", field="compare_with") from None
    models = catalog.candidates(session, body.model)
    if len(models) != 1:
        names = ", ".join(m.name for m in models)
        raise InvalidInput(f"{body.model!r} is a family; name one of its models: {names}.", field="model")
    model = models[0]
    report = DatasetReport(
        id=new_id("rep"),
        owner_id=principal.user.id,
        project_id=dataset.project_id,
        dataset_id=dataset.id,
        compare_dataset_id=compare.id if compare else None,
        model=model.name,
        max_length=body.max_length or model.context_length or DEFAULT_MAX_LENGTH,
        near_duplicate_threshold=body.near_duplicate_threshold,
        status="queued",
        progress=0.0,
    )
    session.add(report)
    session.flush()
    JOBS.dispatch(session, report)
    return report


def list_page(
    session: Session, principal: Principal, dataset_id: str, cursor: str | None, limit: int
) -> tuple[Sequence[DatasetReport], str | None]:
    dataset = datasets.get(session, principal, dataset_id)
    rows = repository.list_for_dataset(session, dataset.id, cursor, limit + 1)
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)


def get(session: Session, principal: Principal, report_id: str) -> DatasetReport:
    report = repository.get_visible(session, report_id, principal)
    if report is None:
        raise NotFound(f"No report {report_id!r}.", field="report_id")
    return report


def claim(
    session: Session, storage: LocalStorage, report_id: str, lease_seconds: float, worker: str | None = None
) -> ReportJob | None:
    """Take a queued report under a lease; None when there is nothing to do."""
    report = repository.get(session, report_id)
    if report is None:
        return None
    try:
        models = catalog.candidates(session, report.model)
    except DomainError as exc:  # the model left the catalog (or lost its weights) since the request
        JOBS.refuse(session, report_id, exc.detail)
        return None
    claimed = JOBS.claim(session, report_id, lease_seconds, worker)
    if claimed is None:
        return None
    token, report = claimed
    dataset, compare = session.get(Dataset, report.dataset_id), None
    assert dataset is not None  # a foreign key
    if report.compare_dataset_id is not None:
        compare = session.get(Dataset, report.compare_dataset_id)
    family = catalog.family_chat_template(session, models[0])
    return ReportJob(
        report_id=report.id,
        token=token,
        dataset_path=str(storage.local_path(dataset.storage_key)),
        kind=dataset.format,
        records=dataset.record_count,
        compare_path=str(storage.local_path(compare.storage_key)) if compare else None,
        compare_kind=compare.format if compare else None,
        compare_records=compare.record_count if compare else 0,
        model_path=models[0].source,
        family_template=family[0] if family else None,
        default_system_prompt=models[0].default_system_prompt,
        max_length=report.max_length,
        near_duplicate_threshold=report.near_duplicate_threshold,
    )


def record_progress(session: Session, job: ReportJob, progress: float) -> bool:
    return JOBS.progress(session, job.report_id, job.token, progress)


def succeeded(session: Session, job: ReportJob, result: dict[str, Any]) -> bool:
    return JOBS.succeed(session, job.report_id, job.token, {"result": result})


def failed(session: Session, job: ReportJob, error: str) -> bool:
    return JOBS.fail(session, job.report_id, job.token, error)
