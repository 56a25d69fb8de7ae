from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.support import SAMPLE_CHAT, WorkerProcess, wait_for

pytestmark = pytest.mark.integration


@pytest.fixture
def start_worker(tmp_path: Path) -> Iterator[Callable[..., WorkerProcess]]:
    started: list[WorkerProcess] = []

    def start(name: str, env: dict[str, str] | None = None) -> WorkerProcess:
        worker = WorkerProcess(name, tmp_path, env)
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


@pytest.fixture
def dataset(api: Any) -> dict[str, Any]:
    response = api.post("/api/datasets", files={"file": ("sample_chat.jsonl", SAMPLE_CHAT.read_bytes())})
    assert response.status_code == 201, response.text
    return dict(response.json())


@pytest.fixture
def submit(api: Any, dataset: dict[str, Any]) -> Callable[..., dict[str, Any]]:
    def submit(**hyperparameters: Any) -> dict[str, Any]:
        body = {"dataset_id": dataset["id"], "model": "tiny-chat", "hyperparameters": hyperparameters}
        response = api.post("/api/runs", json=body)
        assert response.status_code == 201, response.text
        return dict(response.json())

    return submit


@pytest.fixture
def wait_status(api: Any) -> Callable[..., dict[str, Any]]:
    def wait(run_id: str, statuses: set[str], timeout: float = 240) -> dict[str, Any]:
        def done() -> dict[str, Any] | None:
            run = api.get(f"/api/runs/{run_id}").json()
            return run if run["status"] in statuses else None

        return wait_for(done, timeout, interval=0.3, what=f"run {run_id} to reach {statuses}")

    return wait


@pytest.fixture
def all_events(api: Any) -> Callable[[str], list[dict[str, Any]]]:
    def fetch(run_id: str) -> list[dict[str, Any]]:
        events: list[dict[str, Any]] = []
        after = 0
        while True:
            page = api.get(f"/api/runs/{run_id}/events", params={"after": after, "limit": 1000}).json()
            events += page["items"]
            if page["next_after"] is None:
                return events
            after = page["next_after"]

    return fetch
