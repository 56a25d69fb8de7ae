"""Runs as users see them: submit, list, inspect, cancel, pause, resume, read events."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.catalog import service as catalog
from backend.core.db import after_commit, utcnow
from backend.core.errors import Conflict, InvalidInput, NotFound
from backend.core.ids import new_id
from backend.core.live import notify_run
from backend.core.principal import Principal, require_write
from backend.core.queue import VALIDATE_RUN, enqueue
from backend.core.settings import Settings
from backend.core.storage import LocalStorage
from backend.datasets import service as datasets
from backend.evals import service as evals
from backend.mixtures import service as mixtures
from backend.models import Dataset, Mixture, Run, RunEvent, RunStatus
from backend.projects import service as projects
from backend.runs import repository
from backend.runs.resolve import resolve
from backend.runs.stages import check_stage_kind
from backend.scheduler import dispatch
from backend.versions import service as versions
from specs.training import MemoryEstimate, MixtureLineage, TrainingSpecCreate


def add_event(
    session: Session, run_id: str, kind: str, data: Mapping[str, object], step: int | None = None
) -> RunEvent:
    event = repository.add_event(session, run_id, kind, dict(data), step)
    after_commit(session, lambda: notify_run(run_id))
    return event


def create(
    session: Session,
    principal: Principal,
    storage: LocalStorage,
    settings: Settings,
    body: TrainingSpecCreate,
    project_id: str | None = None,
) -> Run:
    """A run belongs to its training dataset's (or mixture's) project (which must be `project_id` when that is
    given); every other dataset it names must be in the same project."""
    dataset, version_id, mixture = _training_data(session, principal, body, project_id)
    project = projects.for_write(session, principal, dataset.project_id, "start runs")
    eval_dataset = None
    if body.eval_dataset_id is not None:
        try:
            found = datasets.get(session, principal, body.eval_dataset_id, project)
        except NotFound as exc:
            raise InvalidInput(exc.detail, field="eval_dataset_id") from None
        eval_dataset = (found, str(storage.local_path(found.storage_key)))
    version = versions.for_run(session, principal, dataset, version_id)
    assert version.storage_key is not None and version.record_count is not None  # succeeded
    models = catalog.candidates(session, body.model)
    data_path = str(storage.local_path(version.storage_key))
    sizes = (version.record_count, version.size_bytes or dataset.size_bytes)
    resolved = resolve(body, dataset, models, data_path, settings, eval_dataset, sizes)
    resolved.dataset_version_id, resolved.dataset_sha256 = version.id, version.sha256
    if mixture is not None:
        resolved.mixture = MixtureLineage.model_validate(mixtures.lineage(session, mixture))
        resolved.decisions.append(_mixture_decision(resolved.mixture))
    elif version.number > 1:
        resolved.decisions.append(
            f"data = version {version.number} of {dataset.name} ({version.id}, {version.operation}"
            f"{' ' + version.role if version.role else ''}, {version.record_count} records)."
        )
    chosen = next(m for m in models if m.name == resolved.model.name)
    if resolved.stage == "sft" and (family := catalog.family_chat_template(session, chosen)) is not None:
        template, chat_model = family
        resolved.model.chat_template = template
        resolved.decisions.append(
            f"chat template = {chat_model}'s: {chosen.name} has none, so it learns its family's chat format "
            "(special tokens it lacks are added and trained)."
        )
    evaluation_plan = (
        evals.resolve_plan(session, principal, storage, body.evaluation, project) if body.evaluation else None
    )
    if evaluation_plan is not None:
        resolved.decisions.append(evals.describe_plan(evaluation_plan))
    run_id = new_id("run")
    run = Run(
        id=run_id,
        owner_id=principal.user.id,
        project_id=project,
        name=body.name or f"{resolved.model.name} on {dataset.name}",
        status=RunStatus.validating,
        dataset_id=dataset.id,
        eval_dataset_id=body.eval_dataset_id,
        dataset_version_id=version.id,
        model_name=resolved.model.name,
        stage=resolved.stage,
        method=resolved.method,
        spec=body.model_dump(mode="json"),
        resolved_spec=resolved.model_dump(mode="json"),
        total_steps=resolved.hyperparameters.max_steps,
        gpus_required=resolved.resources.gpus if resolved.resources.device == "cuda" else 0,
        gpu_memory_required_mb=_memory_per_gpu_mb(resolved.resources.device, resolved.estimate),
        dispatched_at=utcnow(),
        evaluation_plan=evaluation_plan,
    )
    session.add(run)
    session.flush()
    add_event(session, run_id, "status", {"status": "validating", "reason": "submitted; checking every record"})
    enqueue(session, VALIDATE_RUN, run_id)
    return run


def _training_data(
    session: Session, principal: Principal, body: TrainingSpecCreate, project_id: str | None
) -> tuple[Dataset, str | None, Mixture | None]:
    """The dataset to train on, the version asked for (None: the server picks) and the mixture it came from."""
    if body.dataset_id is not None and body.mixture_id is not None:
        raise InvalidInput(
            "Give either dataset_id or mixture_id, not both: a mixture trains on the dataset it was materialised into.",
            field="mixture_id",
        )
    if body.mixture_id is None:
        if body.dataset_id is None:
            raise InvalidInput(
                "Name the data to train on: dataset_id (a dataset, `ds_…`) or mixture_id (a mixture, `mix_…`).",
                field="dataset_id",
            )
        try:
            return datasets.get(session, principal, body.dataset_id, project_id), body.dataset_version_id, None
        except NotFound as exc:
            raise InvalidInput(exc.detail, field="dataset_id") from None
    if body.dataset_version_id is not None:
        raise InvalidInput(
            "A run on a mixture trains on the version the mixture was materialised into; remove dataset_version_id "
            "(or train on a dataset_id with that version instead).",
            field="dataset_version_id",
        )
    mixture = mixtures.for_run(session, principal, body.mixture_id, project_id)
    # Before resolving: a mismatch names the mixture the user chose, not the dataset it was materialised into.
    check_stage_kind(body.stage, mixture.kind, f"mixture {mixture.name} v{mixture.version} ({mixture.id})")
    assert mixture.dataset_id is not None  # succeeded
    try:
        dataset = datasets.get(session, principal, mixture.dataset_id, project_id)
    except NotFound:
        raise Conflict(
            f"The dataset mixture {mixture.name} v{mixture.version} was materialised into ({mixture.dataset_id}) "
            "was deleted; save the mixture again to materialise it anew.",
            field="mixture_id",
        ) from None
    return dataset, mixture.dataset_version_id, mixture


def _mixture_decision(mixture: MixtureLineage) -> str:
    shares = ", ".join(f"{s.dataset_name} v{s.version} {s.tokens:,} tokens" for s in mixture.sources)
    return f"data = mixture {mixture.name} v{mixture.version} ({mixture.id}, seed {mixture.seed}): {shares}."


def _memory_per_gpu_mb(device: str, estimate: MemoryEstimate | None) -> int:
    """What the scheduler looks for on each GPU: the pre-flight estimate (unknown shapes ask for nothing)."""
    if device != "cuda" or estimate is None:
        return 0
    return round(estimate.total_gb * 1000)


def get_any(session: Session, run_id: str) -> Run:
    """Any user's run, for admins (the queue console)."""
    run = repository.get(session, run_id)
    if run is None:
        raise NotFound(f"No run {run_id!r}.", field="run_id")
    return run


def get(session: Session, principal: Principal, run_id: str) -> Run:
    run = repository.get_visible(session, run_id, principal)
    if run is None:
        raise NotFound(f"No run {run_id!r}.", field="run_id")
    return run


def list_page(
    session: Session,
    principal: Principal,
    cursor: str | None,
    limit: int,
    status: str | None,
    project_id: str | None = None,
) -> tuple[Sequence[Run], str | None]:
    rows = repository.list_visible(session, principal, project_id, cursor, limit + 1, status)
    return rows[:limit], (rows[limit - 1].id if len(rows) > limit else None)


def _writable(session: Session, principal: Principal, run_id: str, action: str) -> Run:
    run = get(session, principal, run_id)
    require_write(principal, action)
    return run


def cancel(session: Session, principal: Principal, run_id: str) -> Run:
    """A run that has not started is cancelled at once; a running one stops cooperatively within one step."""
    run = cancel_run(session, _writable(session, principal, run_id, "cancel runs"), "user")
    audit.record(session, principal, "run.cancel", ("run", run_id), status=run.status)
    return run


def cancel_run(session: Session, run: Run, by: str) -> Run:
    run_id = run.id
    if RunStatus(run.status).terminal:
        raise Conflict(f"Run {run_id} already {run.status}; only runs that have not finished can be cancelled.")
    if any(
        repository.conditional_update(
            session,
            run_id,
            {"status": waiting},
            {"status": RunStatus.cancelled, "finished_at": utcnow(), "cancel_requested": True},
        )
        for waiting in (RunStatus.validating, RunStatus.queued, RunStatus.paused)
    ):
        add_event(session, run_id, "status", {"status": "cancelled", "reason": f"cancelled by {by} before it started"})
        dispatch.dispatch_after_commit(session)  # an assigned run held GPUs
    elif repository.conditional_update(session, run_id, {"status": RunStatus.running}, {"cancel_requested": True}):
        message = f"cancel requested by {by}; stopping after the current step"
        add_event(session, run_id, "log", {"level": "info", "message": message})
    session.refresh(run)
    return run


def pause(session: Session, principal: Principal, run_id: str) -> Run:
    """A queued run is paused at once; a running one writes a checkpoint after its current step and stops there."""
    run = pause_run(session, _writable(session, principal, run_id, "pause runs"), "user")
    audit.record(session, principal, "run.pause", ("run", run_id), status=run.status)
    return run


def pause_run(session: Session, run: Run, by: str) -> Run:
    run_id = run.id
    waiting = {"status": RunStatus.paused, "dispatched_at": None, "queue_position": None, "wait_reason": None}
    if repository.conditional_update(
        session,
        run_id,
        {"status": RunStatus.queued},
        {**waiting, "assigned_worker": None, "assigned_gpus": None, "assigned_at": None},
    ):
        add_event(session, run_id, "status", {"status": "paused", "reason": f"paused by {by} before it started"})
        dispatch.dispatch_after_commit(session)
    elif repository.conditional_update(
        session,
        run_id,
        {"status": RunStatus.running, "cancel_requested": False},
        {"pause_requested": True, "requeue_on_pause": False},
    ):
        message = f"pause requested by {by}; stopping at a checkpoint after the current step"
        add_event(session, run_id, "log", {"level": "info", "message": message})
    else:
        raise Conflict(_cannot("paused", run, "only queued or running runs can be paused"))
    session.refresh(run)
    return run


def resume(session: Session, principal: Principal, run_id: str) -> Run:
    """A paused run goes back to the queue and continues from its newest checkpoint; a pause that has not taken
    effect yet is withdrawn."""
    run = resume_run(session, _writable(session, principal, run_id, "resume runs"), "user")
    audit.record(session, principal, "run.resume", ("run", run_id), status=run.status)
    return run


def resume_run(session: Session, run: Run, by: str) -> Run:
    run_id = run.id
    if repository.conditional_update(
        session,
        run_id,
        {"status": RunStatus.paused},
        {"status": RunStatus.queued, "dispatched_at": utcnow(), "queued_at": utcnow()},
    ):
        add_event(session, run_id, "status", {"status": "queued", "reason": f"resumed by {by}"})
        dispatch.dispatch_after_commit(session)
    elif repository.conditional_update(
        session,
        run_id,
        {"status": RunStatus.running, "pause_requested": True},
        {"pause_requested": False, "requeue_on_pause": False},
    ):
        add_event(session, run_id, "log", {"level": "info", "message": "pause withdrawn; training goes on"})
    else:
        raise Conflict(_cannot("resumed", run, "only paused runs can be resumed"))
    session.refresh(run)
    return run


def _cannot(action: str, run: Run, rule: str) -> str:
    state = "is being cancelled" if run.status == RunStatus.running and run.cancel_requested else f"is {run.status}"
    return f"Run {run.id} {state}, so it cannot be {action}; {rule}."


def recent_events(
    session: Session, principal: Principal, run_id: str, before: int | None, limit: int
) -> tuple[Sequence[RunEvent], bool]:
    """The run's events newest first (older than `before` when given), and whether there are older ones."""
    get(session, principal, run_id)
    rows = repository.events_before(session, run_id, before, limit + 1)
    return rows[:limit], len(rows) > limit


def events_page(
    session: Session, principal: Principal, run_id: str, after: int, limit: int
) -> tuple[Sequence[RunEvent], int | None]:
    get(session, principal, run_id)
    rows = repository.events_after(session, run_id, after, limit)
    return rows, (rows[-1].id if len(rows) == limit else None)
