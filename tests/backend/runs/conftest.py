from __future__ import annotations

from typing import Any

import pytest

from tests.support import SAMPLE_CHAT


@pytest.fixture
def dataset(api: Any) -> dict[str, Any]:
    response = api.post("/api/datasets", files={"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())})
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.fixture
def queued_messages() -> Any:
    """How many training messages wait in the real broker."""
    import redis

    from backend.core.queue import GPU_QUEUE
    from backend.core.settings import get_settings

    client = redis.Redis.from_url(get_settings().redis_client_url)
    client.delete(GPU_QUEUE)
    return lambda: client.llen(GPU_QUEUE)
