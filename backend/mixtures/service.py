"""Mixtures: previewed in the request (the token budget per source), materialised by a CPU worker into a dataset
whose version 1 is the mixture (operation `mixture`), claimed and finished on the shared lease
(backend.core.leases) like cleanings and data reports."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.catalog import service as catalog
from backend.core.db import utcnow
from backend.core.errors import Conflict, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.leases import LeasedJobs
from backend.core.principal import Principal, require_write
from backend.core.queue import MATERIALISE_MIXTURE
from backend.core.storage import LocalStorage
from backend.mixtures import repository
from backend.mixtures.planning import SourceIn, available_tokens, plan, rendered, takes
from backend.mixtures.schemas import MixtureCreate, MixtureSource, RenderAs
from backend.models import Dataset, DatasetVersion, Mixture
from backend.versions import service as versions

JOBS = LeasedJobs(Mixture, MATERIALISE_MIXTURE)


@dataclass(frozen=True)
class SourceJob:
    path: str  # local path of the version's records
    records: int
    take: int  # records to write
    name: str  # how errors name it, e.g. "source 2 (Finance QA v1)"
    render: dict[str, Any] | None  # how its conversations become text: style, and the model's template settings


@dataclass(frozen=True)
class MixtureJob:
    mixture_id: str
    token: str
    dataset_id: str  # the dataset it becomes
    destination_key: str
    seed: int
    sources: list[SourceJob]


def _render_as(
    session: Session, source: MixtureSource, kind: str, source_kind: str, field: str
) -> dict[str, Any] | None:
    """The source's conversion to text, resolved (a named model checked against the catalog), or None."""
    if not rendered(kind, source_kind):
        if source.render_as is not None:
            raise InvalidInput(
                f"render_as only applies to a conversation (messages) source in a text mixture; this source holds "
                f"{source_kind} records in a {kind} mixture. Remove render_as.",
                field=f"{field}.render_as",
            )
        return None
    render_as = source.render_as or RenderAs()
    if render_as.model is not None:
        try:
            models = catalog.candidates(session, render_as.model)
        except InvalidInput as exc:
            raise InvalidInput(exc.detail, field=f"{field}.render_as.model") from None
        if len(models) != 1:
            names = ", ".join(m.name for m in models)
            raise InvalidInput(
                f"{render_as.model!r} is a family; name one of its models: {names}.", field=f"{field}.render_as.model"
            )
        render_as = render_as.model_copy(update={"model": models[0].name})
    return render_as.model_dump()


def preview(session: Session, principal: Principal, body: MixtureCreate) -> dict[str, Any]:
    """The token budget per source; every source must be a succeeded version in one project, of the mixture's
    kind (its first source's unless given) or, for a text mixture, conversations rendered as text."""
    found: list[tuple[Dataset, DatasetVersion]] = []
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
        project = dataset.project_id
        found.append((dataset, version))
    kind = body.kind or found[0][0].format
    budgets: list[dict[str, Any]] = []
    for position, ((dataset, version), source) in enumerate(zip(found, body.sources, strict=True)):
        field = f"sources[{position}]"
        if not takes(kind, dataset.format):
            raise InvalidInput(
                _misfit(version.id, dataset.format, kind, given=body.kind is not None),
                field=f"{field}.dataset_version_id",
            )
        render_as = _render_as(session, source, kind, dataset.format, field)
        report = repository.newest_report(session, dataset.id)
        tokens, estimate = available_tokens(
            version.record_count or 0,
            version.size_bytes or 0,
            report.result if report else None,
            report.model if report else None,
            render_as,
        )
        budgets.append(
            {
                "dataset_version_id": version.id,
                "dataset_id": dataset.id,
                "dataset_name": dataset.name,
                "version": version.number,
                "records": version.record_count or 0,
                "available_tokens": tokens,
                "estimate": estimate,
                "kind": dataset.format,
                "render_as": render_as,
            }
        )
    inputs = [
        SourceIn(b["records"], b["available_tokens"], s.ratio, s.target_tokens, s.sampling)
        for b, s in zip(budgets, body.sources, strict=True)
    ]
    planned = plan(inputs)
    total = sum(p.tokens for p in planned)
    for budget, p in zip(budgets, planned, strict=True):
        budget.update(
            target_tokens=p.target_tokens,
            tokens=p.tokens,
            share=p.tokens / total if total else 0.0,
            records_out=p.records,
            factor=p.factor,
            capped=p.capped,
        )
    return {
        "kind": kind,
        "project_id": project,
        "total_tokens": total,
        "total_records": sum(p.records for p in planned),
        "approximate": any(b["estimate"] != "report" for b in budgets),
        "sources": budgets,
    }


def _misfit(version_id: str, source_kind: str, kind: str, *, given: bool) -> str:
    if not given:
        hint = "; mix sources of one kind"
        if rendered("text", source_kind) or kind == "messages":
            hint += ", or set kind to 'text' to render conversations into a text mixture"
        return f"Version {version_id} holds {source_kind} records but the first source holds {kind}{hint}."
    takes_what = (
        "text sources and conversation (messages) sources rendered as text"
        if kind == "text"
        else (f"{kind} sources only")
    )
    return f"Version {version_id} holds {source_kind} records; a {kind} mixture takes {takes_what}."


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
        # The recipe as resolved: each conversation source's render_as (defaulted, its model named) is lineage.
        sources=[
            {**s.model_dump(), "render_as": b["render_as"]}
            for s, b in zip(body.sources, budget["sources"], strict=True)
        ],
        plan=budget,
        status="queued",
        progress=0.0,
    )
    session.add(mixture)
    session.flush()
    audit.record(session, principal, "mixture.created", ("mixture", mixture.id), name=mixture.name)
    JOBS.dispatch(session, mixture)
    return mixture


def get(session: Session, principal: Principal, mixture_id: str) -> Mixture:
    mixture = repository.get_visible(session, mixture_id, principal)
    if mixture is None:
        raise NotFound(f"No mixture {mixture_id!r}.", field="mixture_id")
    return mixture


def for_run(session: Session, principal: Principal, mixture_id: str, project_id: str | None) -> Mixture:
    """A mixture a run can train on: visible (in `project_id` when given) and materialised."""
    mixture = repository.get_visible(session, mixture_id, principal)
    if mixture is None or (project_id is not None and mixture.project_id != project_id):
        where = " in this project" if project_id else ""
        raise InvalidInput(f"No mixture {mixture_id!r}{where}.", field="mixture_id")
    label = f"Mixture {mixture.name} v{mixture.version} ({mixture.id})"
    if mixture.status in ("queued", "running"):
        raise Conflict(
            f"{label} is still being materialised ({mixture.progress:.0%} done); start the run once it has succeeded.",
            field="mixture_id",
        )
    if mixture.status == "failed":
        why = mixture.error or "no reason was recorded"
        raise Conflict(
            f"{label} failed to materialise: {why}{'' if why.endswith('.') else '.'} Fix its sources and save it again, then train on the "
            "new version.",
            field="mixture_id",
        )
    return mixture


def lineage(session: Session, mixture: Mixture) -> dict[str, Any]:
    """What a run records of the mixture it trains on: the recipe, its seed, and each source version with the hash
    of its records now (null once the source's dataset was deleted)."""
    assert mixture.dataset_id is not None and mixture.dataset_version_id is not None  # succeeded
    sources = []
    for given, budget in zip(mixture.sources, mixture.plan["sources"], strict=True):
        version = session.get(DatasetVersion, budget["dataset_version_id"])
        sources.append(
            {
                "dataset_version_id": budget["dataset_version_id"],
                "dataset_id": budget["dataset_id"],
                "dataset_name": budget["dataset_name"],
                "version": budget["version"],
                "sha256": version.sha256 if version is not None else None,
                "ratio": given.get("ratio"),
                "target_tokens": given.get("target_tokens"),
                "sampling": given.get("sampling", "down"),
                "render_as": budget.get("render_as"),
                "tokens": budget["tokens"],
                "records_out": budget["records_out"],
            }
        )
    return {
        "id": mixture.id,
        "name": mixture.name,
        "version": mixture.version,
        "seed": mixture.seed,
        "kind": mixture.kind,
        "dataset_id": mixture.dataset_id,
        "dataset_version_id": mixture.dataset_version_id,
        "sources": sources,
    }


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


def _source_job(session: Session, storage: LocalStorage, position: int, budget: dict[str, Any]) -> SourceJob | str:
    """What the worker needs to write one source, or why it cannot be written any more."""
    version = session.get(DatasetVersion, budget["dataset_version_id"])
    if version is None or version.storage_key is None:  # its dataset was deleted after the mixture was saved
        return f"source version {budget['dataset_version_id']} no longer exists (its dataset was deleted)"
    name = f"source {position + 1} ({budget['dataset_name']} v{budget['version']})"
    render = budget.get("render_as")
    if render is not None and render["style"] == "chat_template":
        try:
            model = catalog.candidates(session, render["model"])[0]
        except InvalidInput as exc:  # the model left the catalog since the mixture was saved
            return f"{name} is rendered with {render['model']!r}: {exc.detail}"
        family = catalog.family_chat_template(session, model)
        render = {
            **render,
            "model_path": model.source,
            "family_template": family[0] if family else None,
            "default_system_prompt": model.default_system_prompt,
        }
    path = str(storage.local_path(version.storage_key))
    return SourceJob(path, version.record_count or 0, budget["records_out"], name, render)


def claim(
    session: Session, storage: LocalStorage, mixture_id: str, lease_seconds: float, worker: str | None = None
) -> MixtureJob | None:
    """Take a queued mixture under a lease; None when there is nothing to do."""
    claimed = JOBS.claim(session, mixture_id, lease_seconds, worker)
    if claimed is None:
        return None
    token, mixture = claimed
    sources = []
    for position, budget in enumerate(mixture.plan["sources"]):
        source = _source_job(session, storage, position, budget)
        if isinstance(source, str):  # what went wrong since the mixture was saved
            JOBS.fail(session, mixture_id, token, source)
            return None
        sources.append(source)
    dataset_id = new_id("ds")
    return MixtureJob(mixture.id, token, dataset_id, f"datasets/{dataset_id}/records.jsonl", mixture.seed, sources)


def record_progress(session: Session, job: MixtureJob, progress: float) -> bool:
    return JOBS.progress(session, job.mixture_id, job.token, progress)


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
        records_before=sum(s.records for s in job.sources),
        record_count=records,
        size_bytes=size_bytes,
        result={"plan": mixture.plan},
        finished_at=utcnow(),
    )
    session.add(version)
    session.flush()
    values = {"dataset_id": dataset.id, "dataset_version_id": version.id}
    return JOBS.succeed(session, job.mixture_id, job.token, values)


def failed(session: Session, job: MixtureJob, error: str) -> bool:
    return JOBS.fail(session, job.mixture_id, job.token, error)
