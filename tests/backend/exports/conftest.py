from typing import Any

import pytest

from tests.backend.runs.conftest import dataset

__all__ = ["dataset"]


@pytest.fixture
def queued_messages() -> Any:
    """How many messages wait in the shared GPU queue of the real broker (exports are not scheduled per worker)."""
    import redis

    from backend.core.queue import CPU_QUEUE, GPU_QUEUE
    from backend.core.settings import get_settings

    client = redis.Redis.from_url(get_settings().redis_client_url)
    client.delete(GPU_QUEUE, CPU_QUEUE)
    return lambda queue=GPU_QUEUE: client.llen(queue)
