"""A study's lease against the real database and broker: claim once, guarded writes, the reaper re-queueing a
study whose worker died (then failing it), resending lost messages, and cursor paging of the list."""

from __future__ import annotations

import json
from datetime import timedelta
from typing import Any

import pytest

from backend.comparisons import lifecycle
from backend.comparisons.service import JOBS
from backend.core.db import session_scope, utcnow
from backend.models import Comparison

PROMPTS = [{"prompt": "Which city is the capital of Mexico?"}, {"prompt": "Say hello.", "reference": "Hello!"}]


@pytest.fixture
def queued_comparisons() -> Any:
    """How many messages wait in the CPU queue of the real broker (emptied first)."""
    import redis

    from backend.core.queue import CPU_QUEUE
    from backend.core.settings import get_settings

    client = redis.Redis.from_url(get_settings().redis_client_url)
    client.delete(CPU_QUEUE)
    return lambda: client.llen(CPU_QUEUE)


@pytest.fixture
def study(api: Any) -> Any:
    content = "".join(json.dumps(p) + "\n" for p in PROMPTS).encode()
    dataset = api.post("/api/datasets", files={"file": ("prompts.jsonl", content)}).json()

    def create() -> str:
        body = {"dataset_id": dataset["id"], "candidates": ["tiny-chat", "tiny-base"]}
        response = api.post("/api/comparisons", json=body)
        assert response.status_code == 201, response.text
        return str(response.json()["id"])

    return create


def test_a_study_is_claimed_once_and_only_its_claimer_writes(api: Any, study: Any) -> None:
    comparison_id = study()
    with session_scope() as session:
        first = lifecycle.claim(session, comparison_id, "w1", 60)
        second = lifecycle.claim(session, comparison_id, "w2", 60)
    assert first is not None and second is None
    token, job = first
    assert job["attempt"] == 1 and job["candidates"] == ["tiny-chat", "tiny-base"] and len(job["prompts"]) == 2
    answers = {"tiny-chat": ["a", "b"], "tiny-base": ["c", "d"]}
    with session_scope() as session:
        assert not JOBS.heartbeat(session, comparison_id, "not-the-token", 60)
        assert not lifecycle.succeed(session, comparison_id, "not-the-token", answers)
        assert JOBS.heartbeat(session, comparison_id, token, 60)
        assert lifecycle.succeed(session, comparison_id, token, answers)
        assert not JOBS.heartbeat(session, comparison_id, token, 60), "a finished study has no lease to renew"
    done = api.get(f"/api/comparisons/{comparison_id}").json()
    assert done["status"] == "succeeded" and done["pair_count"] == 2 and done["attempts"] == 1


def test_the_reaper_requeues_a_lost_study_then_fails_it_and_resends_lost_messages(
    api: Any, study: Any, queued_comparisons: Any
) -> None:
    comparison_id = study()
    assert queued_comparisons() == 1
    tokens = []

    def lose_worker() -> None:
        with session_scope() as session:
            claimed = lifecycle.claim(session, comparison_id, "doomed", 60)
            assert claimed is not None
            tokens.append(claimed[0])
            lifecycle.progress(session, comparison_id, claimed[0], 0.5)
            session.get_one(Comparison, comparison_id).lease_expires_at = utcnow() - timedelta(seconds=1)

    lose_worker()
    with session_scope() as session:
        assert JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == [comparison_id]
    requeued = api.get(f"/api/comparisons/{comparison_id}").json()
    assert requeued["status"] == "queued" and requeued["progress"] == 0 and requeued["attempts"] == 1
    assert queued_comparisons() == 2, "the message was sent again"
    with session_scope() as session:
        assert not lifecycle.succeed(session, comparison_id, tokens[0], {}), "the lost worker can no longer write"

    lose_worker()
    with session_scope() as session:
        assert JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == [comparison_id]
    failed = api.get(f"/api/comparisons/{comparison_id}").json()
    assert failed["status"] == "failed" and "lost 2 times" in failed["error"] and failed["attempts"] == 2
    assert queued_comparisons() == 2, "a failed study is not sent again"

    other = study()
    before = queued_comparisons()
    with session_scope() as session:
        assert JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == []
        assert JOBS.reap(session, max_attempts=2, redispatch_after_seconds=0) == [other]
    assert queued_comparisons() == before + 1
    assert api.get(f"/api/comparisons/{other}").json()["status"] == "queued"


def test_the_list_pages_with_a_cursor_newest_first(api: Any, study: Any) -> None:
    created = [study() for _ in range(5)]
    seen: list[str] = []
    cursor = None
    pages = 0
    while True:
        params: dict[str, Any] = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        page = api.get("/api/comparisons", params=params).json()
        seen += [c["id"] for c in page["items"]]
        pages += 1
        cursor = page["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == sorted(created, reverse=True)
