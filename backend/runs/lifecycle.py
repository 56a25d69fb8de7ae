"""The job lifecycle as the worker drives it: claim, heartbeat, record (guarded by the lease token), finish, reap.

Celery may deliver a message twice; the conditional updates here make the *effect* happen once. Every write of a
running job names its lease token: a worker that lost its lease (it was presumed dead and the run was handed to
another) can no longer change the run.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy.orm import Session

from backend.checkpoints import service as checkpoints
from backend.core.db import utcnow
from backend.core.queue import TRAIN_RUN, VALIDATE_RUN, enqueue, worker_queue
from backend.core.storage import get_storage
from backend.evals import service as evals
from backend.models import Run, RunStatus
from backend.runs import repository
from backend.runs.service import add_event
from backend.scheduler import dispatch


@dataclass(frozen=True)
class Lease:
    run_id: str
    token: str
    gpus: tuple[int, ...] = ()  # the GPU indices the scheduler assigned on the claiming worker


# Leaving a worker: the run holds none of its GPUs any more and the scheduler may place it anywhere.
UNASSIGNED: dict[str, Any] = {"assigned_worker": None, "assigned_gpus": None, "assigned_at": None}


def spec_to_validate(session: Session, run_id: str) -> dict[str, Any] | None:
    """The resolved spec of a run awaiting validation; None when there is nothing to validate (a redelivery)."""
    run = repository.get(session, run_id)
    return run.resolved_spec if run is not None and run.status == RunStatus.validating else None


def validated(session: Session, run_id: str, stats: dict[str, int]) -> bool:
    """The data renders with the template: queue the run; the scheduler's pass after the commit places it."""
    values = {"status": RunStatus.queued, "dispatched_at": utcnow(), "queued_at": utcnow()}
    if not repository.conditional_update(session, run_id, {"status": RunStatus.validating}, values):
        return False
    message = (
        f"data checked: {stats['records']:,} records, {stats['tokens']:,} tokens of which "
        f"{stats['trained_tokens']:,} trained; {stats['truncated']:,} truncated, "
        f"{stats['without_trained_tokens']:,} without a trained token (skipped)"
    )
    add_event(session, run_id, "log", {"level": "info", "message": message, **stats})
    add_event(session, run_id, "status", {"status": "queued", "reason": "data checked"})
    dispatch.dispatch_after_commit(session)
    return True


def validation_failed(session: Session, run_id: str, reason: str, problems: list[tuple[int, str]]) -> bool:
    values = {"status": RunStatus.failed, "finished_at": utcnow(), "error": reason}
    if not repository.conditional_update(session, run_id, {"status": RunStatus.validating}, values):
        return False
    for index, problem in problems:
        add_event(
            session,
            run_id,
            "log",
            {"level": "error", "message": f"record #{index + 1} (index {index}): {problem}", "record": index},
        )
    add_event(session, run_id, "status", {"status": "failed", "reason": reason})
    return True


def claim(session: Session, run_id: str, worker: str, lease_seconds: int) -> Lease | None:
    """Take a queued run assigned to `worker`; None when there is nothing to claim (running elsewhere, finished,
    cancelled, or assigned to another worker: a message that outlived a withdrawn assignment)."""
    run = repository.get(session, run_id)
    if run is None:
        return None
    token = secrets.token_hex(16)
    now = utcnow()
    claimed = repository.conditional_update(
        session,
        run_id,
        {"status": RunStatus.queued, "assigned_worker": worker},
        {
            "status": RunStatus.running,
            "lease_token": token,
            "lease_expires_at": now + timedelta(seconds=lease_seconds),
            "worker": worker,
            "attempts": run.attempts + 1,
            "started_at": run.started_at or now,
        },
    )
    if not claimed:
        return None
    gpus = tuple(run.assigned_gpus or ())
    add_event(
        session, run_id, "status", {"status": "running", "worker": worker, "attempt": run.attempts + 1, "gpus": gpus}
    )
    return Lease(run_id, token, gpus)


def resolved_spec(session: Session, lease: Lease) -> dict[str, Any]:
    run = repository.get(session, lease.run_id)
    assert run is not None, "a claimed run exists"
    return run.resolved_spec


def _guarded(session: Session, lease: Lease, values: dict[str, Any]) -> bool:
    return repository.conditional_update(
        session, lease.run_id, {"lease_token": lease.token, "status": RunStatus.running}, values
    )


def heartbeat(session: Session, lease: Lease, lease_seconds: int) -> bool:
    """Extend the lease; False when it is no longer ours."""
    return _guarded(session, lease, {"lease_expires_at": utcnow() + timedelta(seconds=lease_seconds)})


def stop_reason(session: Session, lease: Lease) -> str | None:
    """Why the job should stop now, if it should: checked once per training step."""
    run = repository.get(session, lease.run_id)
    if run is None or run.lease_token != lease.token or run.status != RunStatus.running:
        return "lease_lost"
    if run.cancel_requested:
        return "cancelled"
    if run.pause_requested:
        return "paused"
    return None


def record_metrics(session: Session, lease: Lease, metrics: dict[str, float]) -> bool:
    step = int(metrics["step"])
    values: dict[str, Any] = {"step": step, "epoch": metrics["epoch"], "last_loss": metrics["loss"]}
    if "total_steps" in metrics:
        values["total_steps"] = int(metrics["total_steps"])
    if not _guarded(session, lease, values):
        return False
    add_event(session, lease.run_id, "metric", metrics, step=step)
    return True


def record_log(session: Session, lease: Lease, level: str, message: str, data: dict[str, Any]) -> bool:
    if not _guarded(session, lease, {}):
        return False
    add_event(session, lease.run_id, "log", {"level": level, "message": message, **data})
    return True


def record_tracker(session: Session, lease: Lease, name: str, where: str, url: str | None) -> bool:
    """Where the run is tracked in `name` (replacing an earlier execution's link to the same tracker)."""
    run = repository.get(session, lease.run_id)
    if run is None:
        return False
    links = [link for link in run.trackers or [] if link.get("name") != name]
    return _guarded(session, lease, {"trackers": [*links, {"name": name, "where": where, "url": url}]})


def record_checkpoint(session: Session, lease: Lease, step: int, path: str, metrics: dict[str, float]) -> bool:
    if not _guarded(session, lease, {}):
        return False
    checkpoint = checkpoints.record(session, lease.run_id, step, path, metrics)
    add_event(session, lease.run_id, "checkpoint", {"checkpoint_id": checkpoint.id, "path": path, **metrics}, step=step)
    run = repository.get(session, lease.run_id)
    assert run is not None, "a leased run exists"
    evaluation = evals.evaluate_checkpoint_automatically(session, get_storage(), run, checkpoint)
    if evaluation is not None:
        message = f"evaluation {evaluation.id} of step {step} queued"
        add_event(session, lease.run_id, "log", {"level": "info", "message": message, "evaluation_id": evaluation.id})
    return True


def finish(session: Session, lease: Lease, status: RunStatus, reason: str | None = None) -> bool:
    values: dict[str, Any] = {"status": status, "finished_at": utcnow(), "lease_token": None, "lease_expires_at": None}
    if status == RunStatus.failed:
        values["error"] = reason
    if not _guarded(session, lease, values):
        return False
    add_event(session, lease.run_id, "status", {"status": str(status), "reason": reason})
    dispatch.dispatch_after_commit(session)  # its GPUs are free
    return True


def paused(session: Session, lease: Lease) -> bool:
    """The worker stopped at the checkpoint it just wrote: the run waits, without a lease, until resumed; a
    preempted run instead goes straight back to the queue and resumes from that checkpoint when placed again.

    Like a worker shutdown, the interrupted execution does not count against max_attempts.
    """
    run = repository.get(session, lease.run_id)
    if run is None:
        return False
    preempted = run.requeue_on_pause
    values = {
        "status": RunStatus.queued if preempted else RunStatus.paused,
        "pause_requested": False,
        "requeue_on_pause": False,
        "lease_token": None,
        "lease_expires_at": None,
        "attempts": max(0, run.attempts - 1),
        **UNASSIGNED,
        **({"queued_at": utcnow(), "dispatched_at": utcnow()} if preempted else {}),
    }
    if not _guarded(session, lease, values):
        return False
    if preempted:
        reason = f"preempted at step {run.step}: back in the queue, it resumes from that checkpoint"
        add_event(session, lease.run_id, "status", {"status": "queued", "reason": reason, "preempted": True})
    else:
        add_event(session, lease.run_id, "status", {"status": "paused", "reason": "paused by user at a checkpoint"})
    dispatch.dispatch_after_commit(session)
    return True


def _requeue(session: Session, run: Run, reason: str, values: dict[str, Any] | None = None) -> bool:
    """Back to the queue, unassigned; the dispatch pass after the commit places it (maybe on another worker)."""
    now = utcnow()
    if not repository.conditional_update(
        session,
        run.id,
        {"status": run.status, "lease_token": run.lease_token},
        {
            "status": RunStatus.queued,
            "lease_token": None,
            "lease_expires_at": None,
            "dispatched_at": now,
            "queued_at": now,
            **UNASSIGNED,
            **(values or {}),
        },
    ):
        return False
    add_event(session, run.id, "status", {"status": "queued", "reason": reason})
    dispatch.dispatch_after_commit(session)
    return True


def reap(session: Session, max_attempts: int, redispatch_after_seconds: int) -> list[str]:
    """Recover runs whose worker died (lease expired) and queued runs whose message may be lost.

    Idempotent and safe to run from several workers at once: each change is a conditional update.
    """
    now = utcnow()
    touched: list[str] = []
    for run in repository.expired_leases(session, now):
        guard = {"status": RunStatus.running, "lease_token": run.lease_token}
        if run.cancel_requested:
            if repository.conditional_update(
                session, run.id, guard, {"status": RunStatus.cancelled, "finished_at": now, "lease_token": None}
            ):
                add_event(
                    session, run.id, "status", {"status": "cancelled", "reason": "cancelled; its worker was lost"}
                )
        elif run.pause_requested and run.requeue_on_pause:
            reason = "preempted; its worker was lost, so it resumes from its last checkpoint when placed again"
            _requeue(session, run, reason, {"pause_requested": False, "requeue_on_pause": False})
        elif run.pause_requested:
            values = {"status": RunStatus.paused, "pause_requested": False, "lease_token": None, **UNASSIGNED}
            if repository.conditional_update(session, run.id, guard, values):
                reason = "paused; its worker was lost, so it resumes from its last checkpoint"
                add_event(session, run.id, "status", {"status": "paused", "reason": reason})
        elif run.attempts >= max_attempts:
            error = f"the worker was lost {run.attempts} times (max_attempts={max_attempts}); check the worker logs"
            values = {"status": RunStatus.failed, "finished_at": now, "lease_token": None, "error": error}
            if repository.conditional_update(session, run.id, guard, values):
                add_event(session, run.id, "status", {"status": "failed", "reason": error})
        else:
            _requeue(
                session, run, f"its worker stopped renewing the lease ({run.worker}); resuming from the last checkpoint"
            )
        touched.append(run.id)
    for run in repository.stale_dispatches(session, now - timedelta(seconds=redispatch_after_seconds)):
        # An unassigned queued run has no message to lose: the dispatch pass places it when something fits.
        if run.status == RunStatus.queued and run.assigned_worker is None:
            continue
        guard = {"status": run.status, "assigned_worker": run.assigned_worker}
        if not repository.conditional_update(session, run.id, guard, {"dispatched_at": now}):
            continue
        if run.status == RunStatus.queued and run.assigned_worker is not None:
            enqueue(session, TRAIN_RUN, run.id, queue=worker_queue(run.assigned_worker))
        else:
            enqueue(session, VALIDATE_RUN, run.id)
        touched.append(run.id)
    return touched


def release(session: Session, lease: Lease, reason: str) -> bool:
    """Hand a running job back to the queue (its worker is shutting down); it resumes from its checkpoint.

    The interrupted execution does not count against max_attempts: nothing went wrong with the run.
    """
    run = repository.get(session, lease.run_id)
    if run is None:
        return False
    values = {
        "status": RunStatus.queued,
        "lease_token": None,
        "lease_expires_at": None,
        "attempts": max(0, run.attempts - 1),
        "dispatched_at": utcnow(),
        "queued_at": utcnow(),
        **UNASSIGNED,
    }
    if not _guarded(session, lease, values):
        return False
    add_event(session, lease.run_id, "status", {"status": "queued", "reason": reason})
    dispatch.dispatch_after_commit(session)
    return True
