"""The shared lease (backend.core.leases) against the real database, on a real job table (data reports): one claim
wins, a lost lease writes nothing, the reaper queues a lost job again and fails it after max_attempts with the
reason, and a queued job whose message was lost is sent again once per interval."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
import redis
from sqlalchemy import update

from backend.core.db import session_scope, utcnow
from backend.core.queue import CPU_QUEUE
from backend.core.settings import get_settings
from backend.models import DatasetReport
from backend.reports.service import JOBS
from tests.support import SAMPLE_CHAT


@pytest.fixture
def messages() -> Callable[[], int]:
    """How many messages wait in the CPU queue of the real broker (emptied first)."""
    client = redis.Redis.from_url(get_settings().redis_client_url)
    client.delete(CPU_QUEUE)
    return lambda: int(client.llen(CPU_QUEUE))


@pytest.fixture
def job_id(api: Any, messages: Callable[[], int]) -> str:
    dataset = api.post("/api/datasets", files={"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())}).json()
    response = api.post(f"/api/datasets/{dataset['id']}/reports", json={"model": "tiny-chat"})
    assert response.status_code == 202, response.text
    assert messages() == 1  # dispatched after the commit
    return str(response.json()["id"])


def _row(job_id: str) -> DatasetReport:
    with session_scope() as session:
        row = session.get(DatasetReport, job_id)
        assert row is not None
        return row


def _claim(job_id: str, worker: str) -> str | None:
    with session_scope() as session:
        claimed = JOBS.claim(session, job_id, lease_seconds=60, worker=worker)
        return None if claimed is None else claimed[0]


def _expire(job_id: str) -> None:
    with session_scope() as session:
        query = update(DatasetReport).where(DatasetReport.id == job_id)
        session.execute(query.values(lease_expires_at=utcnow() - timedelta(seconds=1)))


def _reap(max_attempts: int = 2, redispatch_after_seconds: float = 3600) -> list[str]:
    with session_scope() as session:
        return JOBS.reap(session, max_attempts, redispatch_after_seconds)


def test_a_dispatched_job_is_claimed_once(job_id: str) -> None:
    queued = _row(job_id)
    assert queued.status == "queued" and queued.dispatched_at is not None and queued.attempts == 0
    token = _claim(job_id, "w1")
    assert token is not None
    assert _claim(job_id, "w2") is None, "a second delivery finds nothing to claim"
    assert _claim("rep_missing", "w2") is None
    row = _row(job_id)
    assert (row.status, row.lease_token, row.worker, row.attempts, row.progress) == ("running", token, "w1", 1, 0.0)
    assert row.started_at is not None and row.lease_expires_at is not None and row.lease_expires_at > utcnow()
    with session_scope() as session:
        assert JOBS.heartbeat(session, job_id, token, lease_seconds=600)
    assert _row(job_id).lease_expires_at > row.lease_expires_at  # type: ignore[operator]
    with session_scope() as session:
        assert JOBS.succeed(session, job_id, token, {"result": {"records": 3}})
        assert not JOBS.heartbeat(session, job_id, token, 60), "a finished job has no lease to renew"
        assert not JOBS.fail(session, job_id, token, "too late")
    done = _row(job_id)
    assert (done.status, done.progress, done.result, done.error) == ("succeeded", 1.0, {"records": 3}, None)
    assert done.lease_token is None and done.lease_expires_at is None and done.finished_at is not None


def test_a_lost_lease_writes_nothing(job_id: str) -> None:
    lost = _claim(job_id, "w1")
    assert lost is not None
    with session_scope() as session:
        assert JOBS.progress(session, job_id, lost, 0.25)
    _expire(job_id)
    assert _reap() == [job_id]
    requeued = _row(job_id)
    assert (requeued.status, requeued.progress, requeued.lease_token) == ("queued", 0.0, None)
    with session_scope() as session:
        assert not JOBS.progress(session, job_id, lost, 0.5)
        assert not JOBS.heartbeat(session, job_id, lost, 60)
        assert not JOBS.succeed(session, job_id, lost, {"result": {"records": 1}})
        assert not JOBS.fail(session, job_id, lost, "boom")
        assert not JOBS.update(session, job_id, lost, {"error": "written by a lost execution"})
    assert _row(job_id).status == "queued" and _row(job_id).error is None
    second = _claim(job_id, "w2")
    assert second is not None and second != lost
    with session_scope() as session:
        assert not JOBS.succeed(session, job_id, lost, {"result": {}}), "the old token stays refused"
        assert JOBS.fail(session, job_id, second, "the records could not be read")
    row = _row(job_id)
    assert (row.status, row.error, row.attempts, row.worker) == ("failed", "the records could not be read", 2, "w2")


def test_the_reaper_requeues_then_fails_after_max_attempts_with_the_reason(
    job_id: str, messages: Callable[[], int]
) -> None:
    assert _claim(job_id, "doomed-1") is not None
    assert _reap() == [], "a live lease is left alone"
    _expire(job_id)
    assert _reap() == [job_id]
    assert _row(job_id).status == "queued" and messages() == 2, "queued again and its message resent"
    assert _reap() == []

    assert _claim(job_id, "doomed-2") is not None
    _expire(job_id)
    assert _reap() == [job_id]
    row = _row(job_id)
    assert row.status == "failed" and row.attempts == 2 and row.finished_at is not None
    assert row.error == "the worker was lost 2 times (max_attempts=2); check the worker logs"
    assert row.lease_token is None and row.lease_expires_at is None
    assert messages() == 2, "a failed job is not sent again"
    assert _reap() == [] and _claim(job_id, "late") is None


def test_a_queued_job_whose_message_was_lost_is_sent_again_once_per_interval(
    job_id: str, messages: Callable[[], int]
) -> None:
    assert _reap(redispatch_after_seconds=3600) == [], "sent just now"
    with session_scope() as session:
        query = update(DatasetReport).where(DatasetReport.id == job_id)
        session.execute(query.values(dispatched_at=utcnow() - timedelta(hours=2)))
    assert _reap(redispatch_after_seconds=3600) == [job_id]
    assert messages() == 2 and _row(job_id).dispatched_at > utcnow() - timedelta(minutes=1)  # type: ignore[operator]
    assert _reap(redispatch_after_seconds=3600) == [], "not at every reaper pass"
    assert _claim(job_id, "w1") is not None
    assert _reap(redispatch_after_seconds=0) == [], "a running job is the lease's business, not the dispatcher's"
    assert messages() == 2


def test_refuse_fails_only_a_queued_job(job_id: str) -> None:
    with session_scope() as session:
        assert JOBS.refuse(session, job_id, "the model tiny-chat left the catalog")
        assert not JOBS.refuse(session, job_id, "again")
    row = _row(job_id)
    assert (row.status, row.error, row.attempts) == ("failed", "the model tiny-chat left the catalog", 0)
    assert _claim(job_id, "w1") is None
