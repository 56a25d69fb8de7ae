"""The lease protocol against the real database: one claim wins, stale tokens write nothing, the reaper recovers."""

from __future__ import annotations

import threading
from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import update

from backend.core.db import session_scope, utcnow
from backend.models import Checkpoint, Run, RunEvent
from backend.runs import lifecycle
from backend.runs.lifecycle import Lease


def _submit(api: Any, dataset: dict[str, Any]) -> str:
    response = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat"})
    assert response.status_code == 201
    return str(response.json()["id"])


@pytest.fixture
def run_factory(api: Any, dataset: dict[str, Any], mark_validated: Any) -> Any:
    """A submitted run whose data check passed: queued for training."""

    def make() -> str:
        run_id = _submit(api, dataset)
        mark_validated(run_id)
        return run_id

    return make


def _claim(run_id: str, worker: str = "w1", lease_seconds: int = 60) -> Lease | None:
    with session_scope() as session:
        return lifecycle.claim(session, run_id, worker, lease_seconds)


def _get(run_id: str) -> Run:
    with session_scope() as session:
        run = session.get(Run, run_id)
        assert run is not None
        session.expunge(run)
        return run


def _expire(run_id: str) -> None:
    with session_scope() as session:
        session.execute(update(Run).where(Run.id == run_id).values(lease_expires_at=utcnow() - timedelta(seconds=1)))


def test_concurrent_claims_have_exactly_one_winner(api: Any, run_factory: Any) -> None:
    run_id = run_factory()
    results: list[Lease | None] = []
    barrier = threading.Barrier(4)

    def claim(i: int) -> None:
        barrier.wait()
        results.append(_claim(run_id, f"w{i}"))

    threads = [threading.Thread(target=claim, args=(i,)) for i in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    winners = [r for r in results if r is not None]
    assert len(winners) == 1
    run = _get(run_id)
    assert run.status == "running" and run.attempts == 1 and run.lease_token == winners[0].token
    assert _claim(run_id) is None  # a redelivered message finds nothing to claim


def test_writes_are_guarded_by_the_lease_token(api: Any, run_factory: Any) -> None:
    run_id = run_factory()
    lease = _claim(run_id)
    assert lease is not None
    stale = Lease(run_id, "not-the-token")
    metrics = {"step": 1, "epoch": 0.1, "loss": 2.5, "total_steps": 10}
    with session_scope() as session:
        assert lifecycle.record_metrics(session, lease, metrics)
        assert not lifecycle.record_metrics(session, stale, {**metrics, "loss": 99.0})
        assert not lifecycle.heartbeat(session, stale, 60)
        assert not lifecycle.finish(session, stale, lifecycle.RunStatus.succeeded)
        assert lifecycle.stop_reason(session, stale) == "lease_lost"
        assert lifecycle.stop_reason(session, lease) is None
        assert lifecycle.record_checkpoint(session, lease, 1, "/x/checkpoint-1", {"loss": 2.5})
        assert lifecycle.record_checkpoint(session, lease, 1, "/x/checkpoint-1", {"loss": 2.4})  # resumed re-save
    run = _get(run_id)
    assert (run.step, run.last_loss, run.status) == (1, 2.5, "running")
    with session_scope() as session:
        assert session.query(Checkpoint).filter_by(run_id=run_id).count() == 1
        losses = [e.data["loss"] for e in session.query(RunEvent).filter_by(run_id=run_id, kind="metric")]
    assert losses == [2.5]


def test_cancel_request_reaches_the_running_job(api: Any, run_factory: Any) -> None:
    run_id = run_factory()
    lease = _claim(run_id)
    assert lease is not None
    assert api.post(f"/api/runs/{run_id}/cancel").json()["status"] == "running"
    with session_scope() as session:
        assert lifecycle.stop_reason(session, lease) == "cancelled"
        assert lifecycle.finish(session, lease, lifecycle.RunStatus.cancelled, "cancelled by user")
    assert _get(run_id).status == "cancelled"


def test_reaper_requeues_an_expired_lease_then_fails_after_max_attempts(
    api: Any, run_factory: Any, queued_messages: Any
) -> None:
    run_id = run_factory()
    submitted = queued_messages()
    for attempt in (1, 2):
        lease = _claim(run_id)
        assert lease is not None
        _expire(run_id)
        with session_scope() as session:
            assert lifecycle.reap(session, max_attempts=2, redispatch_after_seconds=3600) == [run_id]
        run = _get(run_id)
        if attempt == 1:
            assert run.status == "queued" and run.lease_token is None and queued_messages() == submitted + 1
            with session_scope() as session:  # the dead worker's token no longer writes anything
                assert not lifecycle.record_metrics(session, lease, {"step": 1, "epoch": 0, "loss": 1.0})
        else:
            assert run.status == "failed" and "lost 2 times" in (run.error or "")


def test_reaper_finishes_a_cancelled_run_whose_worker_died(api: Any, run_factory: Any) -> None:
    run_id = run_factory()
    assert _claim(run_id) is not None
    api.post(f"/api/runs/{run_id}/cancel")
    _expire(run_id)
    with session_scope() as session:
        lifecycle.reap(session, max_attempts=3, redispatch_after_seconds=3600)
    assert _get(run_id).status == "cancelled"


def test_reaper_redispatches_a_queued_run_whose_message_was_lost(
    api: Any, run_factory: Any, queued_messages: Any
) -> None:
    run_id = run_factory()
    submitted = queued_messages()
    with session_scope() as session:
        assert lifecycle.reap(session, max_attempts=3, redispatch_after_seconds=3600) == []
        session.execute(update(Run).where(Run.id == run_id).values(dispatched_at=utcnow() - timedelta(hours=2)))
    with session_scope() as session:
        assert lifecycle.reap(session, max_attempts=3, redispatch_after_seconds=3600) == [run_id]
    assert queued_messages() == submitted + 1 and _get(run_id).status == "queued"


def test_release_hands_the_run_back_without_spending_an_attempt(api: Any, run_factory: Any) -> None:
    run_id = run_factory()
    lease = _claim(run_id)
    assert lease is not None
    with session_scope() as session:
        assert lifecycle.release(session, lease, "worker shut down")
    run = _get(run_id)
    assert run.status == "queued" and run.attempts == 0 and run.lease_token is None
    assert _claim(run_id) is not None


def test_validation_queues_once_or_fails_with_the_records_listed(
    api: Any, dataset: dict[str, Any], queued_messages: Any
) -> None:
    good, bad = _submit(api, dataset), _submit(api, dataset)
    stats = {"records": 3, "tokens": 30, "trained_tokens": 9, "truncated": 1, "without_trained_tokens": 0}
    with session_scope() as session:
        assert lifecycle.spec_to_validate(session, good) is not None
        assert lifecycle.validated(session, good, stats)
        assert not lifecycle.validated(session, good, stats)  # a redelivered validation changes nothing
        assert lifecycle.spec_to_validate(session, good) is None
        problems = [(1, "roles must alternate"), (7, "empty assistant answer")]
        assert lifecycle.validation_failed(session, bad, "2 of 400 records cannot be rendered", problems)
    assert _get(good).status == "queued" and queued_messages() == 1
    failed = _get(bad)
    assert failed.status == "failed" and "2 of 400" in (failed.error or "")
    logs = api.get(f"/api/runs/{bad}/events").json()["items"]
    assert [e["data"].get("record") for e in logs if e["kind"] == "log"] == [1, 7]


def test_reaper_redispatches_a_validation_whose_message_was_lost(
    api: Any, dataset: dict[str, Any], queued_messages: Any
) -> None:
    run_id = _submit(api, dataset)
    submitted = queued_messages("cpu")
    with session_scope() as session:
        session.execute(update(Run).where(Run.id == run_id).values(dispatched_at=utcnow() - timedelta(hours=2)))
    with session_scope() as session:
        assert lifecycle.reap(session, max_attempts=3, redispatch_after_seconds=3600) == [run_id]
    assert queued_messages("cpu") == submitted + 1 and _get(run_id).status == "validating"
