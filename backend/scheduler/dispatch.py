"""The dispatch pass: decide from the database which queued run goes to which worker and GPUs.

Order: priority (higher first), then per-user fair share (the user holding the fewest GPUs, then runs, first), then
age. Each run in that order is checked against its user's quota, then placed on the best-fitting live worker;
a run that cannot start gets a position and a sentence saying why it waits. A run placed on a worker is *assigned*
(it holds those GPUs) and its TRAIN_RUN message goes to that worker's own queue; only that worker can claim it.

Passes run from every worker's reaper loop and right after the events that free or add work (a run queued,
finished, paused, cancelled); `repository.lock` makes them take turns, and every run change is still a conditional
update, so a pass racing a claim or a cancel changes nothing it should not.
"""

from __future__ import annotations

import logging
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from backend.core.db import after_commit, session_scope, utcnow
from backend.core.live import notify_run
from backend.core.queue import GPU_QUEUE, TRAIN_RUN, enqueue, worker_queue
from backend.core.settings import Settings, get_settings
from backend.models import Project, Run, RunStatus, UserQuota, Worker
from backend.runs import repository as runs
from backend.scheduler import repository
from backend.scheduler.placement import Gpu, Load, Need, Node, Quota, place, quota_reason, wait_reason

log = logging.getLogger(__name__)


@dataclass
class PassResult:
    assigned: list[tuple[str, str, list[int]]] = field(default_factory=list)  # (run, worker, GPU indices)
    withdrawn: list[str] = field(default_factory=list)
    preempted: list[str] = field(default_factory=list)


def event(session: Session, run_id: str, kind: str, data: dict[str, Any]) -> None:
    runs.add_event(session, run_id, kind, data)
    after_commit(session, lambda: notify_run(run_id))


def is_live(worker: Worker, now: datetime, settings: Settings) -> bool:
    window = settings.worker_heartbeat_seconds * settings.worker_offline_after_heartbeats
    return worker.last_heartbeat_at >= now - timedelta(seconds=window)


def node(worker: Worker) -> Node:
    gpus = tuple(
        Gpu(int(g["index"]), str(g.get("name", "GPU")), int(g["memory_total_mb"]), int(g.get("memory_used_mb", 0)))
        for g in worker.gpus
    )
    return Node(worker.name, worker.host, max(1, worker.slots), gpus, worker.drained)


def need(run: Run) -> Need:
    return Need(run.gpus_required, run.gpu_memory_required_mb)


def user_quota(settings: Settings, override: UserQuota | None) -> Quota:
    max_gpus = override.max_gpus if override is not None and override.max_gpus is not None else None
    max_runs = override.max_runs if override is not None and override.max_runs is not None else None
    return Quota(
        max_gpus if max_gpus is not None else settings.max_gpus_per_user,
        max_runs if max_runs is not None else settings.max_runs_per_user,
    )


def project_quota(settings: Settings, project: Project | None) -> Quota:
    max_gpus = project.max_gpus if project is not None else None
    max_runs = project.max_runs if project is not None else None
    return Quota(
        max_gpus if max_gpus is not None else settings.max_gpus_per_project,
        max_runs if max_runs is not None else settings.max_runs_per_project,
    )


def _quota_reason(
    run: Run,
    wanted: Need,
    held_gpus: dict[str, int],
    held_runs: dict[str, int],
    settings: Settings,
    overrides: dict[str, UserQuota],
    projects: dict[str, Project],
) -> str | None:
    """The user's quota first, then the project's: a run counts against both."""
    user, project = _holders(run)
    reason = quota_reason(wanted, held_gpus[user], held_runs[user], user_quota(settings, overrides.get(run.owner_id)))
    if reason is None:
        found = projects.get(run.project_id)
        quota = project_quota(settings, found)
        holder = f"project {found.name}" if found is not None else "project"
        reason = quota_reason(wanted, held_gpus[project], held_runs[project], quota, holder)
    return reason


def _holders(run: Run) -> tuple[str, str]:
    return f"user:{run.owner_id}", f"project:{run.project_id}"


def holds_resources(run: Run) -> bool:
    return run.assigned_worker is not None and run.status in (RunStatus.running, RunStatus.queued)


def run_pass(session: Session, settings: Settings, now: datetime | None = None) -> PassResult:
    """One scheduling decision over the whole queue; the caller commits (the messages go out after the commit)."""
    now = now or utcnow()
    repository.lock(session)
    result = PassResult()
    workers = repository.workers(session)
    live = {w.name: w for w in workers if is_live(w, now, settings) and GPU_QUEUE in w.queues}
    active = list(repository.active_runs(session))
    for run in active:
        if run.status == RunStatus.queued and run.assigned_worker is not None:
            worker = live.get(run.assigned_worker)
            if worker is None or worker.drained:
                why = "drained" if worker is not None else "offline"
                if _withdraw(session, run, f"its worker {run.assigned_worker} is {why}; it goes back to the queue"):
                    result.withdrawn.append(run.id)
    nodes = [node(w) for w in live.values()]
    loads: dict[str, Load] = defaultdict(Load)
    held_gpus: dict[str, int] = defaultdict(int)
    held_runs: dict[str, int] = defaultdict(int)
    withdrawn = set(result.withdrawn)
    for run in active:
        if holds_resources(run) and run.id not in withdrawn:
            load = loads[run.assigned_worker or ""]
            load.gpus.update(run.assigned_gpus or [])
            load.slots += 1
            for holder in _holders(run):
                held_gpus[holder] += len(run.assigned_gpus or [])
                held_runs[holder] += 1
    overrides = repository.quotas(session)
    projects = {p.id: p for p in repository.projects(session)}
    pending = [r for r in active if r.status == RunStatus.queued and (r.assigned_worker is None or r.id in withdrawn)]
    waiting: list[tuple[Run, str]] = []
    while pending:
        run = min(
            pending,
            key=lambda r: (-r.priority, held_gpus[_holders(r)[0]], held_runs[_holders(r)[0]], r.created_at, r.id),
        )
        pending.remove(run)
        wanted = need(run)
        reason = _quota_reason(run, wanted, held_gpus, held_runs, settings, overrides, projects)
        if reason is None:
            placed = place(wanted, nodes, loads)
            if placed is not None and _assign(session, run, placed[0], placed[1], now):
                loads[placed[0]].gpus.update(placed[1])
                loads[placed[0]].slots += 1
                for holder in _holders(run):
                    held_gpus[holder] += len(placed[1])
                    held_runs[holder] += 1
                result.assigned.append((run.id, placed[0], placed[1]))
                continue
            reason = wait_reason(wanted, nodes, loads)
        waiting.append((run, reason))
    for position, (run, reason) in enumerate(waiting, start=1):
        if (run.queue_position, run.wait_reason) != (position, reason):
            runs.conditional_update(
                session, run.id, {"status": RunStatus.queued}, {"queue_position": position, "wait_reason": reason}
            )
    if settings.auto_preempt_after_seconds is not None:
        result.preempted = _auto_preempt(session, settings, now, waiting, active, nodes, loads)
    return result


def _assign(session: Session, run: Run, worker: str, gpus: list[int], now: datetime) -> bool:
    guard = {"status": RunStatus.queued, "assigned_worker": None}
    values = {
        "assigned_worker": worker,
        "assigned_gpus": gpus,
        "assigned_at": now,
        "dispatched_at": now,
        "queue_position": None,
        "wait_reason": None,
    }
    if not runs.conditional_update(session, run.id, guard, values):
        return False
    where = f" (GPU {', '.join(map(str, gpus))})" if gpus else ""
    event(session, run.id, "log", {"level": "info", "message": f"assigned to {worker}{where}", "worker": worker})
    enqueue(session, TRAIN_RUN, run.id, queue=worker_queue(worker))
    return True


def _withdraw(session: Session, run: Run, reason: str) -> bool:
    guard = {"status": RunStatus.queued, "assigned_worker": run.assigned_worker}
    values = {"assigned_worker": None, "assigned_gpus": None, "assigned_at": None}
    if not runs.conditional_update(session, run.id, guard, values):
        return False
    event(session, run.id, "log", {"level": "warning", "message": f"assignment withdrawn: {reason}"})
    return True


def _auto_preempt(
    session: Session,
    settings: Settings,
    now: datetime,
    waiting: list[tuple[Run, str]],
    active: list[Run],
    nodes: list[Node],
    loads: dict[str, Load],
) -> list[str]:
    """Free GPUs for a run that has waited too long by preempting lower-priority runs on one worker.

    Only one preemption is in flight per worker at a time, and only where freeing the victims makes the run fit:
    preempting without a guaranteed fit would only churn checkpoints.
    """
    assert settings.auto_preempt_after_seconds is not None
    threshold = now - timedelta(seconds=settings.auto_preempt_after_seconds)
    running = [r for r in active if r.status == RunStatus.running and r.assigned_worker is not None]
    busy_workers = {r.assigned_worker for r in running if r.pause_requested}
    preempted: list[str] = []
    for run, reason in waiting:
        if reason.startswith("quota") or run.queued_at is None or run.queued_at > threshold:
            continue
        for candidate in nodes:
            if candidate.name in busy_workers:
                continue
            victims = sorted(
                (r for r in running if r.assigned_worker == candidate.name and r.priority < run.priority),
                key=lambda r: (r.priority, -(r.queued_at or r.created_at).timestamp()),
            )
            freed = Load(set(loads[candidate.name].gpus), loads[candidate.name].slots)
            chosen: list[Run] = []
            for victim in victims:
                chosen.append(victim)
                freed.gpus -= set(victim.assigned_gpus or [])
                freed.slots -= 1
                if place(need(run), [candidate], {candidate.name: freed}) is not None:
                    break
            else:
                continue
            for victim in chosen:
                if request_preemption(session, victim.id, f"preempted by higher-priority run {run.id}"):
                    preempted.append(victim.id)
            busy_workers.add(candidate.name)
            break
    return preempted


def request_preemption(session: Session, run_id: str, why: str) -> bool:
    """Ask a running run to checkpoint and go back to the queue (the pause mechanism, ending in `queued`)."""
    guard = {"status": RunStatus.running, "cancel_requested": False}
    if not runs.conditional_update(session, run_id, guard, {"pause_requested": True, "requeue_on_pause": True}):
        return False
    message = f"{why}: stopping at a checkpoint after the current step, then back to the queue"
    event(session, run_id, "log", {"level": "warning", "message": message, "preempted": True})
    return True


def dispatch_now() -> PassResult | None:
    """A pass in its own transaction, for after a commit that changed the queue. Failures are logged, not raised:
    the change that triggered it is already committed, and every worker's reaper loop runs a pass again soon."""
    try:
        with session_scope() as session:
            return run_pass(session, get_settings())
    except Exception:
        log.exception("dispatch pass failed; the next reaper pass retries")
        return None


def dispatch_after_commit(session: Session) -> None:
    """Run a pass once `session` has committed (the queue it sees then includes this session's changes)."""
    if not session.info.get("dispatch_pending"):
        session.info["dispatch_pending"] = True
        after_commit(session, _dispatch_callback)


def _dispatch_callback() -> None:
    dispatch_now()
