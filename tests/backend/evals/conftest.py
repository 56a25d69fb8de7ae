from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from tests.support import SAMPLE_CHAT

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "evals"


def upload(api: Any, path: Path, name: str | None = None) -> dict[str, Any]:
    response = api.post("/api/datasets", files={"file": (name or path.name, path.read_bytes())})
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.fixture
def chats(api: Any) -> dict[str, Any]:
    return upload(api, SAMPLE_CHAT)


@pytest.fixture
def mc_set(api: Any) -> dict[str, Any]:
    return upload(api, FIXTURES / "mixed_subjects.jsonl")


@pytest.fixture
def queued_evaluations() -> Any:
    """How many messages wait in the GPU queue of the real broker (emptied first)."""
    import redis

    from backend.core.queue import CPU_QUEUE, GPU_QUEUE
    from backend.core.settings import get_settings

    client = redis.Redis.from_url(get_settings().redis_client_url)
    client.delete(GPU_QUEUE, CPU_QUEUE)
    return lambda: client.llen(GPU_QUEUE)
