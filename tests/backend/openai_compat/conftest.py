from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest


@pytest.fixture
def client(api: Any) -> Iterator[Any]:
    """The official SDK, its HTTP calls served in-process by the app (the TestClient is an httpx.Client)."""
    from openai import OpenAI

    sdk = OpenAI(
        base_url=f"{api.base_url}/v1",
        api_key=api.headers["authorization"].removeprefix("Bearer "),
        http_client=api,
        max_retries=0,
    )
    yield sdk


@pytest.fixture
def mark_validated(training_worker: str) -> Any:
    """Do what the CPU worker does when every record renders: queue the run for training."""
    from backend.core.db import session_scope
    from backend.runs import lifecycle

    def mark(run_id: str) -> None:
        stats = {"records": 1, "tokens": 10, "trained_tokens": 5, "truncated": 0, "without_trained_tokens": 0}
        with session_scope() as session:
            assert lifecycle.validated(session, run_id, stats)

    return mark
