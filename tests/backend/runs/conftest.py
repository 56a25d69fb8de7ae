from __future__ import annotations

from typing import Any

import pytest

from tests.support import SAMPLE_CHAT


@pytest.fixture
def dataset(api: Any) -> dict[str, Any]:
    response = api.post("/api/datasets", files={"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())})
    assert response.status_code == 201, response.text
    return dict(response.json())


TRAINING_WORKER = "w1"


@pytest.fixture(autouse=True)
def _worker_online(training_worker: str) -> str:
    assert training_worker == TRAINING_WORKER
    return training_worker


@pytest.fixture
def queued_messages() -> Any:
    """How many messages wait in a queue of the real broker: the training worker's own queue unless named."""
    import redis

    from backend.core.queue import CPU_QUEUE, GPU_QUEUE, worker_queue
    from backend.core.settings import get_settings

    own = worker_queue(TRAINING_WORKER)
    client = redis.Redis.from_url(get_settings().redis_client_url)
    client.delete(GPU_QUEUE, CPU_QUEUE, own)
    return lambda queue=own: client.llen(queue)


@pytest.fixture
def mark_validated() -> Any:
    """Do what the CPU worker does when every record renders: queue the run for training."""
    from backend.core.db import session_scope
    from backend.runs import lifecycle

    def mark(run_id: str) -> None:
        stats = {"records": 1, "tokens": 10, "trained_tokens": 5, "truncated": 0, "without_trained_tokens": 0}
        with session_scope() as session:
            assert lifecycle.validated(session, run_id, stats)

    return mark
