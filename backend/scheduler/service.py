"""The admin's queue: the pool and the queue as one view, and the actions on them (priority, preemption, drain,
quotas). Pause, resume and cancel reuse the runs' own rules; every change triggers a dispatch pass after commit."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy.orm import Session

from backend.audit import service as audit
from backend.core.db import utcnow
from backend.core.errors import Conflict, NotFound
from backend.core.principal import Principal
from backend.core.settings import Settings
from backend.models import Project, Run, RunStatus, User, UserQuota, Worker
from backend.runs import repository as runs_repository
from backend.runs import service as runs
from backend.scheduler import dispatch, repository
from backend.scheduler.schemas import (
    GpuJobRead,
    GpuRead,
    ProjectQuotaRead,
    QueuedRunRead,
    QueueRead,
    QuotaRead,
    RunningRunRead,
    UsageRead,
    WorkerRead,
)


def _by(principal: Principal) -> str:
    return f"admin {principal.user.email}"


def workers(session: Session, settings: Settings) -> list[WorkerRead]:
    active = repository.active_runs(session)
    return [_worker_read(w, active, settings) for w in repository.workers(session)]


def _worker_read(worker: Worker, active: Sequence[Run], settings: Settings) -> WorkerRead:
    holders = [r for r in active if dispatch.holds_resources(r) and r.assigned_worker == worker.name]
    by_gpu = {index: r.id for r in holders for index in (r.assigned_gpus or [])}
    gpus = [
        GpuRead(
            index=int(g["index"]),
            name=str(g.get("name", "GPU")),
            memory_total_mb=int(g["memory_total_mb"]),
            memory_used_mb=int(g.get("memory_used_mb", 0)),
            utilization_pct=g.get("utilization_pct"),
            temperature_c=g.get("temperature_c"),
            held_by=by_gpu.get(int(g["index"])),
        )
        for g in worker.gpus
    ]
    return WorkerRead(
        name=worker.name,
        host=worker.host,
        queues=worker.queues,
        slots=worker.slots,
        gpus=gpus,
        simulated=worker.simulated,
        cpu_count=worker.cpu_count,
        memory_total_mb=worker.memory_total_mb,
        version=worker.version,
        drained=worker.drained,
        online=dispatch.is_live(worker, utcnow(), settings),
        trains="gpu" in worker.queues,
        runs=[r.id for r in holders],
        started_at=worker.started_at,
        last_heartbeat_at=worker.last_heartbeat_at,
    )


def _remaining_seconds(run: Run, now: datetime) -> float | None:
    if run.started_at is None or run.step <= 0 or run.total_steps <= 0:
        return None
    elapsed = (now - run.started_at).total_seconds()
    return max(0.0, elapsed / run.step * (run.total_steps - run.step))


def _quota_read(settings: Settings, user: User, override: UserQuota | None) -> QuotaRead:
    effective = dispatch.user_quota(settings, override)
    return QuotaRead(
        user_id=user.id,
        email=user.email,
        max_gpus=override.max_gpus if override else None,
        max_runs=override.max_runs if override else None,
        effective_max_gpus=effective.max_gpus,
        effective_max_runs=effective.max_runs,
    )


def queue(session: Session, settings: Settings) -> QueueRead:
    now = utcnow()
    active = list(repository.active_runs(session))
    users = {u.id: u for u in repository.users(session)}
    email = {uid: u.email for uid, u in users.items()}
    running = [r for r in active if r.status == RunStatus.running]
    remaining = sorted(s for s in (_remaining_seconds(r, now) for r in running) if s is not None)
    queued = sorted(
        (r for r in active if r.status == RunStatus.queued),
        key=lambda r: (
            r.assigned_worker is None,
            r.queue_position if r.queue_position is not None else 1 << 30,
            -r.priority,
            r.created_at,
        ),
    )
    queued_reads = []
    for r in queued:
        estimate = None
        if r.assigned_worker is not None:
            estimate = now
        elif r.queue_position is not None and r.queue_position <= len(remaining):
            estimate = now + timedelta(seconds=remaining[r.queue_position - 1])
        queued_reads.append(
            QueuedRunRead(
                id=r.id,
                name=r.name,
                owner_id=r.owner_id,
                owner_email=email.get(r.owner_id, r.owner_id),
                status=r.status,
                priority=r.priority,
                gpus_required=r.gpus_required,
                gpu_memory_required_mb=r.gpu_memory_required_mb,
                position=r.queue_position if r.assigned_worker is None else None,
                wait_reason=r.wait_reason if r.assigned_worker is None else f"assigned to {r.assigned_worker}",
                assigned_worker=r.assigned_worker,
                assigned_gpus=r.assigned_gpus,
                queued_at=r.queued_at,
                estimated_start=estimate,
            )
        )
    running_reads = []
    for r in running:
        left = _remaining_seconds(r, now)
        running_reads.append(
            RunningRunRead(
                id=r.id,
                name=r.name,
                owner_id=r.owner_id,
                owner_email=email.get(r.owner_id, r.owner_id),
                priority=r.priority,
                worker=r.worker,
                gpus=r.assigned_gpus or [],
                step=r.step,
                total_steps=r.total_steps,
                progress_pct=round(100 * r.step / r.total_steps, 1) if r.total_steps else 0.0,
                started_at=r.started_at,
                eta=now + timedelta(seconds=left) if left is not None else None,
                pause_requested=r.pause_requested,
                preempting=r.pause_requested and r.requeue_on_pause,
                cancel_requested=r.cancel_requested,
            )
        )
    return QueueRead(
        workers=[_worker_read(w, active, settings) for w in repository.workers(session)],
        queued=queued_reads,
        running=running_reads,
        gpu_jobs=_gpu_jobs(session, email),
        usage=_usage(session, settings, active, users, now),
        auto_preempt_after_seconds=settings.auto_preempt_after_seconds,
    )


def _gpu_jobs(session: Session, email: dict[str, str]) -> list[GpuJobRead]:
    """The evaluations and exports that take GPU workers without the scheduler placing them, oldest first."""
    jobs: list[GpuJobRead] = []
    for evaluation, checkpoint, run in repository.active_evaluations(session):
        sets = len(evaluation.dataset_ids) + len(evaluation.general_dataset_ids)
        if run is not None:
            model = f"run {run.name}" + (f", checkpoint step {checkpoint.step}" if checkpoint is not None else "")
        else:
            model = evaluation.model_name or "a model"
        jobs.append(
            GpuJobRead(
                kind="evaluation",
                id=evaluation.id,
                status=evaluation.status,
                what=f"{model} on {sets} eval set{'s' if sets != 1 else ''} ({evaluation.trigger.replace('_', '-')})",
                owner_email=email.get(evaluation.owner_id),
                project_id=evaluation.project_id,
                run_id=evaluation.run_id,
                worker=evaluation.worker,
                attempts=evaluation.attempts,
                progress_pct=round(100 * evaluation.progress, 1),
                queued_at=evaluation.created_at,
                started_at=evaluation.started_at,
            )
        )
    for export, checkpoint, run in repository.active_exports(session):
        jobs.append(
            GpuJobRead(
                kind="export",
                id=export.id,
                status=export.status,
                what=f"{export.kind} {export.dtype} export of run {run.name}, checkpoint step {checkpoint.step}",
                owner_email=email.get(run.owner_id),
                project_id=run.project_id,
                run_id=run.id,
                worker=export.worker,
                attempts=export.attempts,
                progress_pct=None,
                queued_at=export.created_at,
                started_at=export.started_at,
            )
        )
    return sorted(jobs, key=lambda j: (j.queued_at, j.id))


def _usage(
    session: Session, settings: Settings, active: list[Run], users: dict[str, User], now: datetime
) -> list[UsageRead]:
    gpu_hours: dict[str, float] = defaultdict(float)
    for run in repository.runs_started_since(session, datetime.min.replace(tzinfo=now.tzinfo)):
        if run.started_at is not None and run.gpus_required:
            end = run.finished_at or now
            gpu_hours[run.owner_id] += run.gpus_required * max(0.0, (end - run.started_at).total_seconds()) / 3600
    held_gpus: dict[str, int] = defaultdict(int)
    held_runs: dict[str, int] = defaultdict(int)
    queued: dict[str, int] = defaultdict(int)
    for run in active:
        if dispatch.holds_resources(run):
            held_gpus[run.owner_id] += len(run.assigned_gpus or [])
            held_runs[run.owner_id] += 1
        elif run.status == RunStatus.queued:
            queued[run.owner_id] += 1
    overrides = repository.quotas(session)
    return [
        UsageRead(
            user_id=user.id,
            email=user.email,
            gpus_held=held_gpus[user.id],
            runs_held=held_runs[user.id],
            runs_queued=queued[user.id],
            gpu_hours=round(gpu_hours[user.id], 3),
            quota=_quota_read(settings, user, overrides.get(user.id)),
        )
        for user in users.values()
    ]


def _changeable(session: Session, run_id: str) -> Run:
    run = runs.get_any(session, run_id)
    if RunStatus(run.status).terminal:
        raise Conflict(f"Run {run_id} already {run.status}; only unfinished runs can be reprioritised.")
    return run


def set_priority(session: Session, principal: Principal, run_id: str, priority: int) -> Run:
    run = _changeable(session, run_id)
    if runs_repository.conditional_update(session, run_id, {"status": run.status}, {"priority": priority}):
        message = f"priority {run.priority} → {priority} by {_by(principal)}"
        audit.record(session, principal, "queue.priority", ("run", run_id), old=run.priority, new=priority)
        runs.add_event(session, run_id, "log", {"level": "info", "message": message, "priority": priority})
        dispatch.dispatch_after_commit(session)
    session.refresh(run)
    return run


def move_to_top(session: Session, principal: Principal, run_id: str) -> Run:
    """Above every waiting run: one more than the highest priority among them."""
    _changeable(session, run_id)
    highest = repository.max_queued_priority(session) or 0
    return set_priority(session, principal, run_id, highest + 1)


def preempt(session: Session, principal: Principal, run_id: str) -> Run:
    run = runs.get_any(session, run_id)
    audit.record(session, principal, "queue.preempt", ("run", run_id))
    if not dispatch.request_preemption(session, run_id, f"preempted by {_by(principal)}"):
        raise Conflict(
            f"Run {run_id} is {run.status}{' and being cancelled' if run.cancel_requested else ''}; only a running "
            "run can be preempted (pause or cancel a queued one instead)."
        )
    session.refresh(run)
    return run


def pause(session: Session, principal: Principal, run_id: str) -> Run:
    audit.record(session, principal, "queue.pause", ("run", run_id))
    return runs.pause_run(session, runs.get_any(session, run_id), _by(principal))


def resume(session: Session, principal: Principal, run_id: str) -> Run:
    audit.record(session, principal, "queue.resume", ("run", run_id))
    return runs.resume_run(session, runs.get_any(session, run_id), _by(principal))


def cancel(session: Session, principal: Principal, run_id: str) -> Run:
    audit.record(session, principal, "queue.cancel", ("run", run_id))
    return runs.cancel_run(session, runs.get_any(session, run_id), _by(principal))


def set_drained(session: Session, settings: Settings, actor: Principal, name: str, drained: bool) -> WorkerRead:
    if not repository.set_drained(session, name, drained):
        raise NotFound(f"No worker {name!r}; GET /api/admin/workers lists them.", field="name")
    audit.record(session, actor, "queue.drain" if drained else "queue.undrain", ("worker", name))
    dispatch.dispatch_after_commit(session)  # a drained worker's unstarted runs move elsewhere
    worker = repository.worker(session, name)
    assert worker is not None
    session.refresh(worker)
    return _worker_read(worker, repository.active_runs(session), settings)


def quotas(session: Session, settings: Settings) -> list[QuotaRead]:
    overrides = repository.quotas(session)
    return [_quota_read(settings, u, overrides.get(u.id)) for u in repository.users(session)]


def set_quota(
    session: Session, settings: Settings, actor: Principal, user_id: str, max_gpus: int | None, max_runs: int | None
) -> QuotaRead:
    user = repository.user(session, user_id)
    if user is None:
        raise NotFound(f"No user {user_id!r}; GET /api/admin/quotas lists them.", field="user_id")
    audit.record(session, actor, "queue.quota", ("user", user_id), max_gpus=max_gpus, max_runs=max_runs)
    override = repository.save_quota(session, user_id, max_gpus, max_runs)
    dispatch.dispatch_after_commit(session)
    return _quota_read(settings, user, override)


def _project_quota_read(settings: Settings, project: Project) -> ProjectQuotaRead:
    effective = dispatch.project_quota(settings, project)
    return ProjectQuotaRead(
        project_id=project.id,
        name=project.name,
        max_gpus=project.max_gpus,
        max_runs=project.max_runs,
        effective_max_gpus=effective.max_gpus,
        effective_max_runs=effective.max_runs,
    )


def project_quotas(session: Session, settings: Settings) -> list[ProjectQuotaRead]:
    return [_project_quota_read(settings, p) for p in repository.projects(session)]


def set_project_quota(
    session: Session, settings: Settings, actor: Principal, project_id: str, max_gpus: int | None, max_runs: int | None
) -> ProjectQuotaRead:
    project = repository.project(session, project_id)
    if project is None:
        raise NotFound(f"No project {project_id!r}; GET /api/admin/project-quotas lists them.", field="project_id")
    project.max_gpus, project.max_runs = max_gpus, max_runs
    session.flush()
    audit.record(session, actor, "queue.project_quota", ("project", project_id), max_gpus=max_gpus, max_runs=max_runs)
    dispatch.dispatch_after_commit(session)
    return _project_quota_read(settings, project)
