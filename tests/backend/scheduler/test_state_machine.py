"""The GPU queue as a state machine: random submits, cancels, pauses, resumes, preemptions, priority changes,
drains, worker deaths and broker restarts against the real database and broker, with simulated workers that take
their messages from their own Redis queues and claim runs as the Celery task does.

Invariants: a run never has two live executions; no run is lost (every unfinished run is queued, assigned with its
message in its worker's queue, running with a live execution or an expiring lease, or paused, and after recovery
every waiting run is placed or says why it waits); a worker's assignments never overlap or exceed its GPUs, slots
or the GPUs' free memory; quotas are never exceeded; after a pass nothing that fits waits, and no run placed in a
pass took resources that a higher-priority waiting run would have fitted in.
"""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from typing import Any, ClassVar

import redis
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, rule, run_state_machine_as_test
from sqlalchemy import delete, select, update

from backend.core.db import session_scope, utcnow
from backend.core.ids import new_id
from backend.core.queue import worker_queue
from backend.core.settings import get_settings
from backend.models import Run, RunEvent, RunStatus, User, UserQuota, Worker
from backend.runs import lifecycle
from backend.runs import service as runs
from backend.runs.lifecycle import Lease
from backend.scheduler import dispatch, inventory
from backend.scheduler.dispatch import PassResult
from backend.scheduler.placement import Load, Need, fits, quota_reason

WORKERS = {  # name → (GPU memory in GB each, slots)
    "sm-a": ([24], 1),
    "sm-b": ([80, 80], 2),
    "sm-c": ([40, 40, 40, 40], 2),
}
USERS = ("usr_sm_alice", "usr_sm_bob", "usr_sm_carol")
LEASE_SECONDS = 3600  # the machine's clock never runs out a lease; a worker's death expires them explicitly


def _broker() -> redis.Redis:
    return redis.Redis.from_url(get_settings().redis_client_url)


def _message_run_id(raw: bytes) -> str:
    """The run id in a Celery (protocol 2) message as Kombu stores it in a Redis list."""
    body = json.loads(base64.b64decode(json.loads(raw)["body"]))
    return str(body[0][0])


class QueueMachine(RuleBasedStateMachine):
    dataset_id: ClassVar[str]

    def __init__(self) -> None:
        super().__init__()
        self.broker = _broker()
        self.live: dict[str, list[Lease]] = {}  # run → executions still going (one at most)
        self.dead: list[Lease] = []  # executions of killed workers: they must never write again
        self.last_pass: PassResult | None = None
        with session_scope() as session:
            for table in (RunEvent, Run, Worker, UserQuota):
                session.execute(delete(table))
            for user_id in USERS:
                if session.get(User, user_id) is None:
                    session.add(User(id=user_id, email=f"{user_id}@example.org", name=user_id))
        self.broker.delete(*(worker_queue(name) for name in WORKERS))
        for name in WORKERS:
            self._heartbeat(name)

    # helpers ---------------------------------------------------------------------------------------------------

    def _heartbeat(self, name: str) -> None:
        memories, slots = WORKERS[name]
        gpus = [inventory.GpuReading(i, f"GPU{m}", m * 1000, 0) for i, m in enumerate(memories)]
        report = inventory.WorkerReport(name, f"host-{name}", ["cpu", "gpu"], slots, 4, 8000, "t", True, gpus)
        with session_scope() as session:
            inventory.heartbeat(session, report)

    def _runs(self) -> list[Run]:
        with session_scope() as session:
            rows = list(session.scalars(select(Run)))
            session.expunge_all()
            return rows

    def _workers(self) -> dict[str, Worker]:
        with session_scope() as session:
            rows = {w.name: w for w in session.scalars(select(Worker))}
            session.expunge_all()
            return rows

    def _quotas(self) -> dict[str, Any]:
        settings_ = get_settings()
        with session_scope() as session:
            overrides = {q.user_id: q for q in session.scalars(select(UserQuota))}
            return {u: dispatch.user_quota(settings_, overrides.get(u)) for u in USERS}

    def _pick(self, data: st.DataObject, statuses: set[str]) -> Run | None:
        candidates = sorted((r for r in self._runs() if r.status in statuses), key=lambda r: r.id)
        return data.draw(st.sampled_from(candidates)) if candidates else None

    def _end(self, run_id: str, lease: Lease) -> None:
        self.live[run_id] = [x for x in self.live.get(run_id, []) if x != lease]

    # rules -----------------------------------------------------------------------------------------------------

    @initialize(gpus=st.one_of(st.none(), st.integers(1, 4)), runs_=st.one_of(st.none(), st.integers(1, 3)))
    def quotas(self, gpus: int | None, runs_: int | None) -> None:
        with session_scope() as session:
            session.add(UserQuota(user_id=USERS[0], max_gpus=gpus, max_runs=runs_))

    @rule(
        user=st.sampled_from(USERS),
        gpus=st.sampled_from([0, 1, 1, 2, 4, 5]),
        memory_gb=st.sampled_from([0, 10, 30, 60, 90]),
        priority=st.integers(-1, 2),
    )
    def submit(self, user: str, gpus: int, memory_gb: int, priority: int) -> None:
        run_id = new_id("run")
        with session_scope() as session:
            session.add(
                Run(
                    id=run_id,
                    owner_id=user,
                    name=run_id,
                    status=RunStatus.validating,
                    dataset_id=self.dataset_id,
                    model_name="tiny-chat",
                    stage="sft",
                    method="lora",
                    spec={},
                    resolved_spec={},
                    gpus_required=gpus,
                    gpu_memory_required_mb=memory_gb * 1000 if gpus else 0,
                    priority=priority,
                    dispatched_at=utcnow(),
                )
            )
        stats = {"records": 1, "tokens": 1, "trained_tokens": 1, "truncated": 0, "without_trained_tokens": 0}
        with session_scope() as session:  # as the CPU worker does: queued, then a dispatch pass after the commit
            assert lifecycle.validated(session, run_id, stats)

    @rule(worker=st.sampled_from(sorted(WORKERS)))
    def deliver(self, worker: str) -> None:
        """The worker takes the next message from its own queue and claims the run, as the training task does."""
        raw = self.broker.rpop(worker_queue(worker))
        if raw is None or worker not in self._live_workers():
            return
        run_id = _message_run_id(raw)
        with session_scope() as session:
            lease = lifecycle.claim(session, run_id, worker, LEASE_SECONDS)
        if lease is not None:
            self.live.setdefault(run_id, []).append(lease)

    @rule(data=st.data(), outcome=st.sampled_from(["step", "step", "succeeded", "failed"]))
    def work(self, data: st.DataObject, outcome: str) -> None:
        """A running execution does a step (obeying cancel/pause/preempt) or ends."""
        executions = sorted((lease for leases in self.live.values() for lease in leases), key=lambda x: x.run_id)
        if not executions:
            return
        lease = data.draw(st.sampled_from(executions))
        with session_scope() as session:
            reason = lifecycle.stop_reason(session, lease)
            if reason == "lease_lost":
                self._end(lease.run_id, lease)
            elif reason == "cancelled":
                assert lifecycle.finish(session, lease, RunStatus.cancelled, "cancelled by user")
                self._end(lease.run_id, lease)
            elif reason == "paused":
                assert lifecycle.paused(session, lease)
                self._end(lease.run_id, lease)
            elif outcome == "step":
                assert lifecycle.record_metrics(session, lease, {"step": 1, "epoch": 0.1, "loss": 1.0})
            else:
                assert lifecycle.finish(session, lease, RunStatus(outcome), "done")
                self._end(lease.run_id, lease)

    @rule(data=st.data())
    def cancel(self, data: st.DataObject) -> None:
        run = self._pick(data, {"queued", "running", "paused"})
        if run is not None:
            with session_scope() as session:
                runs.cancel_run(session, session.get(Run, run.id) or run, "user")

    @rule(data=st.data())
    def pause(self, data: st.DataObject) -> None:
        run = self._pick(data, {"queued", "running"})
        if run is not None and not run.cancel_requested:
            with session_scope() as session:
                runs.pause_run(session, session.get(Run, run.id) or run, "user")

    @rule(data=st.data())
    def resume(self, data: st.DataObject) -> None:
        run = self._pick(data, {"paused"})
        if run is not None:
            with session_scope() as session:
                runs.resume_run(session, session.get(Run, run.id) or run, "user")

    @rule(data=st.data())
    def preempt(self, data: st.DataObject) -> None:
        run = self._pick(data, {"running"})
        if run is not None:
            with session_scope() as session:
                dispatch.request_preemption(session, run.id, "preempted by admin test")

    @rule(data=st.data(), priority=st.integers(-2, 3))
    def set_priority(self, data: st.DataObject, priority: int) -> None:
        run = self._pick(data, {"queued", "running", "paused"})
        if run is not None:
            with session_scope() as session:
                runs.repository.conditional_update(session, run.id, {"status": run.status}, {"priority": priority})
                dispatch.dispatch_after_commit(session)

    @rule(worker=st.sampled_from(sorted(WORKERS)), drained=st.booleans())
    def drain(self, worker: str, drained: bool) -> None:
        with session_scope() as session:
            session.execute(update(Worker).where(Worker.name == worker).values(drained=drained))
            dispatch.dispatch_after_commit(session)

    @rule(worker=st.sampled_from(sorted(WORKERS)))
    def kill_worker(self, worker: str) -> None:
        """SIGKILL: no more heartbeats, its executions stop mid-step and their leases run out."""
        past = utcnow() - timedelta(hours=1)
        with session_scope() as session:
            session.execute(update(Worker).where(Worker.name == worker).values(last_heartbeat_at=past))
            session.execute(
                update(Run).where(Run.status == RunStatus.running, Run.worker == worker).values(lease_expires_at=past)
            )
        for run_id, leases in self.live.items():
            for lease in leases:
                with session_scope() as session:
                    run = session.get(Run, run_id)
                    if run is not None and run.worker == worker and run.lease_token == lease.token:
                        self.dead.append(lease)
            self.live[run_id] = [x for x in leases if x not in self.dead]

    @rule(worker=st.sampled_from(sorted(WORKERS)))
    def restart_worker(self, worker: str) -> None:
        self._heartbeat(worker)

    @rule()
    def broker_restart(self) -> None:
        """A broker without persistence comes back empty: every message is gone."""
        self.broker.delete(*(worker_queue(name) for name in WORKERS))

    @rule(redispatch=st.booleans())
    def reaper_tick(self, redispatch: bool) -> None:
        """What every worker's reaper loop does: recover expired leases, re-send stale messages, a dispatch pass."""
        with session_scope() as session:
            lifecycle.reap(session, max_attempts=1000, redispatch_after_seconds=0 if redispatch else 3600)
        with session_scope() as session:
            self.last_pass = dispatch.run_pass(session, get_settings())
        self._check_pass(self.last_pass)

    # invariants ------------------------------------------------------------------------------------------------

    def _live_workers(self) -> set[str]:
        now = utcnow()
        return {n for n, w in self._workers().items() if dispatch.is_live(w, now, get_settings())}

    def _loads(self, rows: list[Run]) -> dict[str, Load]:
        loads: dict[str, Load] = {}
        for run in rows:
            if dispatch.holds_resources(run):
                load = loads.setdefault(run.assigned_worker or "", Load())
                load.gpus.update(run.assigned_gpus or [])
                load.slots += 1
        return loads

    def _check_pass(self, result: PassResult) -> None:
        rows = self._runs()
        by_id = {r.id: r for r in rows}
        workers = self._workers()
        live = self._live_workers()
        nodes = {n: dispatch.node(w) for n, w in workers.items() if n in live}
        loads = self._loads(rows)
        quotas = self._quotas()
        held = {u: (0, 0) for u in USERS}
        for run in rows:
            if dispatch.holds_resources(run):
                gpus, count = held[run.owner_id]
                held[run.owner_id] = (gpus + len(run.assigned_gpus or []), count + 1)
        waiting = [
            r
            for r in rows
            if r.status == "queued"
            and r.assigned_worker is None
            and quota_reason(Need(r.gpus_required, r.gpu_memory_required_mb), *held[r.owner_id], quotas[r.owner_id])
            is None
        ]
        for run in waiting:  # work-conserving: what fits does not wait
            need = Need(run.gpus_required, run.gpu_memory_required_mb)
            for name, node in nodes.items():
                assert fits(need, node, loads.get(name, Load())) is None, f"{run.id} fits {name} but waits"
        for run_id, worker, gpus in result.assigned:  # nothing placed ahead of a higher-priority run that fit
            placed = by_id[run_id]
            if worker not in nodes or not dispatch.holds_resources(placed) or placed.assigned_worker != worker:
                continue
            base = loads.get(worker, Load())
            freed = Load(base.gpus - set(gpus), base.slots - 1)
            for higher in (r for r in waiting if r.priority > placed.priority):
                need = Need(higher.gpus_required, higher.gpu_memory_required_mb)
                assert fits(need, nodes[worker], freed) is None, (
                    f"{placed.id} (priority {placed.priority}) took {worker} although {higher.id} "
                    f"(priority {higher.priority}) fitted there"
                )
        for run in rows:
            if run.status == "queued" and run.assigned_worker is None:
                assert run.wait_reason and run.queue_position, f"{run.id} waits without a reason"

    @invariant()
    def never_two_live_executions(self) -> None:
        for run_id, leases in self.live.items():
            assert len(leases) <= 1, f"{run_id} has {len(leases)} live executions"
        rows = {r.id: r for r in self._runs()}
        for run_id, leases in self.live.items():
            for lease in leases:
                run = rows[run_id]
                assert run.status == "running" and run.lease_token == lease.token
        for run in rows.values():  # only the worker a run was assigned to may run it
            if run.status == "running":
                assert run.assigned_worker is not None and run.worker == run.assigned_worker, (
                    f"{run.id} runs on {run.worker} but is assigned to {run.assigned_worker}"
                )
        for lease in self.dead:  # a dead worker's execution can never write again once its run moved on
            run = rows.get(lease.run_id)
            if run is not None and run.lease_token != lease.token:
                with session_scope() as session:
                    assert lifecycle.stop_reason(session, lease) == "lease_lost"

    @invariant()
    def no_run_lost(self) -> None:
        rows = self._runs()
        pending: dict[str, list[str]] = {}
        for name in WORKERS:
            pending[name] = [_message_run_id(m) for m in self.broker.lrange(worker_queue(name), 0, -1)]
        live_ids = {run_id for run_id, leases in self.live.items() if leases}
        for run in rows:
            assert run.status in {"queued", "running", "paused", "succeeded", "failed", "cancelled"}
            if run.status == "running":
                expired = run.lease_expires_at is not None and run.lease_expires_at < utcnow()
                assert run.id in live_ids or expired, f"{run.id} runs nowhere and its lease will not expire"
            if run.status == "paused":
                assert run.assigned_worker is None and not run.lease_token

    @invariant()
    def assignments_fit_their_workers(self) -> None:
        rows = self._runs()
        workers = self._workers()
        seen: dict[str, set[int]] = {}
        slots: dict[str, int] = {}
        for run in rows:
            if not dispatch.holds_resources(run):
                continue
            worker = workers[run.assigned_worker or ""]
            gpus = {int(g["index"]): g for g in worker.gpus}
            taken = seen.setdefault(worker.name, set())
            assigned = set(run.assigned_gpus or [])
            assert len(assigned) == run.gpus_required, f"{run.id} holds {assigned}, needs {run.gpus_required}"
            assert assigned <= set(gpus), f"{run.id} holds GPUs {assigned} that {worker.name} lacks"
            assert not (assigned & taken), f"GPUs {assigned & taken} of {worker.name} assigned twice"
            taken |= assigned
            for index in assigned:
                assert gpus[index]["memory_total_mb"] >= run.gpu_memory_required_mb
            slots[worker.name] = slots.get(worker.name, 0) + 1
            assert slots[worker.name] <= worker.slots, f"{worker.name} holds more runs than its slots"

    @invariant()
    def quotas_hold(self) -> None:
        quotas = self._quotas()
        for user in USERS:
            holding = [r for r in self._runs() if r.owner_id == user and dispatch.holds_resources(r)]
            quota = quotas[user]
            if quota.max_runs is not None:
                assert len(holding) <= quota.max_runs
            if quota.max_gpus is not None:
                assert sum(len(r.assigned_gpus or []) for r in holding) <= quota.max_gpus

    def teardown(self) -> None:
        """Recovery: every worker back and open, stale messages re-sent; then nothing unfinished is stranded."""
        for name in WORKERS:
            self._heartbeat(name)
        with session_scope() as session:
            session.execute(update(Worker).values(drained=False))
        for lease in [x for leases in self.live.values() for x in leases]:
            with session_scope() as session:
                lifecycle.finish(session, lease, RunStatus.succeeded)
        self.live.clear()
        with session_scope() as session:
            session.execute(
                update(Run).where(Run.status == RunStatus.running).values(lease_expires_at=utcnow() - timedelta(1))
            )
        with session_scope() as session:
            lifecycle.reap(session, max_attempts=1000, redispatch_after_seconds=0)
        with session_scope() as session:
            result = dispatch.run_pass(session, get_settings())
        self._check_pass(result)
        messages = {_message_run_id(m) for n in WORKERS for m in self.broker.lrange(worker_queue(n), 0, -1)}
        for run in self._runs():
            assert run.status in {"queued", "paused", "succeeded", "failed", "cancelled"}, run.status
            if run.status == "queued":
                assert run.assigned_worker is None or run.id in messages, f"{run.id} assigned but never sent"
        self.broker.delete(*(worker_queue(name) for name in WORKERS))


def test_the_queue_never_runs_a_job_twice_loses_one_or_breaks_priority_or_quota(
    api: Any, dataset: dict[str, Any]
) -> None:
    QueueMachine.dataset_id = dataset["id"]
    run_state_machine_as_test(
        QueueMachine,
        settings=settings(
            max_examples=30, stateful_step_count=40, deadline=None, suppress_health_check=list(HealthCheck)
        ),
    )
