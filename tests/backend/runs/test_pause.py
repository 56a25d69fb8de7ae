"""Pause and resume against the real database and broker: the state machine, the flag the worker reads, 409s."""

from __future__ import annotations

from typing import Any

import pytest

from backend.core.db import session_scope
from backend.models import Run
from backend.runs import lifecycle
from backend.runs.lifecycle import Lease


@pytest.fixture
def queued_run(api: Any, dataset: dict[str, Any], mark_validated: Any) -> str:
    response = api.post("/api/runs", json={"dataset_id": dataset["id"], "model": "tiny-chat"})
    assert response.status_code == 201, response.text
    run_id = str(response.json()["id"])
    mark_validated(run_id)
    return run_id


def _claim(run_id: str) -> Lease:
    with session_scope() as session:
        lease = lifecycle.claim(session, run_id, "w1", 60)
    assert lease is not None
    return lease


def _statuses(api: Any, run_id: str) -> list[str]:
    items = api.get(f"/api/runs/{run_id}/events", params={"limit": 1000}).json()["items"]
    return [e["data"]["status"] for e in items if e["kind"] == "status"]


def test_a_queued_run_pauses_at_once_and_resume_queues_it_again(
    api: Any, queued_run: str, queued_messages: Any
) -> None:
    paused = api.post(f"/api/runs/{queued_run}/pause")
    assert paused.status_code == 200, paused.text
    assert paused.json()["status"] == "paused"
    assert _claim_or_none(queued_run) is None, "a paused run cannot be claimed by a stale message"

    before = queued_messages()
    resumed = api.post(f"/api/runs/{queued_run}/resume")
    assert resumed.status_code == 200 and resumed.json()["status"] == "queued"
    assert queued_messages() == before + 1, "resume dispatches the training task"
    assert _statuses(api, queued_run)[-2:] == ["paused", "queued"]


def _claim_or_none(run_id: str) -> Lease | None:
    with session_scope() as session:
        return lifecycle.claim(session, run_id, "w1", 60)


def test_a_running_run_pauses_cooperatively_and_does_not_use_up_an_attempt(api: Any, queued_run: str) -> None:
    lease = _claim(queued_run)
    response = api.post(f"/api/runs/{queued_run}/pause")
    assert response.status_code == 200
    assert response.json()["status"] == "running" and response.json()["pause_requested"] is True
    with session_scope() as session:
        assert lifecycle.stop_reason(session, lease) == "paused"
        assert lifecycle.paused(session, lease)
    run = api.get(f"/api/runs/{queued_run}").json()
    assert run["status"] == "paused" and run["pause_requested"] is False and run["attempts"] == 0
    with session_scope() as session:
        row = session.get(Run, queued_run)
        assert row is not None and row.lease_token is None
        assert not lifecycle.heartbeat(session, lease, 60), "the old lease is gone"

    assert api.post(f"/api/runs/{queued_run}/resume").json()["status"] == "queued"
    assert _claim(queued_run).token != lease.token


def test_resume_withdraws_a_pause_that_has_not_taken_effect(api: Any, queued_run: str) -> None:
    lease = _claim(queued_run)
    api.post(f"/api/runs/{queued_run}/pause")
    response = api.post(f"/api/runs/{queued_run}/resume")
    assert response.status_code == 200 and response.json()["pause_requested"] is False
    with session_scope() as session:
        assert lifecycle.stop_reason(session, lease) is None


def test_a_paused_run_can_be_cancelled(api: Any, queued_run: str) -> None:
    api.post(f"/api/runs/{queued_run}/pause")
    response = api.post(f"/api/runs/{queued_run}/cancel")
    assert response.status_code == 200 and response.json()["status"] == "cancelled"


def test_invalid_transitions_are_409s_that_say_why(api: Any, queued_run: str) -> None:
    response = api.post(f"/api/runs/{queued_run}/resume")
    assert response.status_code == 409
    assert response.json()["error"] == "Conflict" and "only paused runs can be resumed" in response.json()["detail"]
    api.post(f"/api/runs/{queued_run}/cancel")
    response = api.post(f"/api/runs/{queued_run}/pause")
    assert response.status_code == 409 and "is cancelled" in response.json()["detail"]
    assert api.post("/api/runs/run_missing/pause").status_code == 404


def test_a_paused_run_whose_worker_died_stays_paused(api: Any, queued_run: str) -> None:
    _claim(queued_run)
    api.post(f"/api/runs/{queued_run}/pause")
    from datetime import timedelta

    from sqlalchemy import update

    from backend.core.db import utcnow

    with session_scope() as session:
        session.execute(
            update(Run).where(Run.id == queued_run).values(lease_expires_at=utcnow() - timedelta(seconds=1))
        )
    with session_scope() as session:
        assert lifecycle.reap(session, 3, 600) == [queued_run]
    assert api.get(f"/api/runs/{queued_run}").json()["status"] == "paused"
