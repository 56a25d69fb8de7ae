"""A drained worker takes no new job from the shared GPU queue either: a real worker process stops consuming it
within a heartbeat of the admin's drain, an evaluation queued meanwhile waits, and undraining lets the worker take
and finish it."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

from backend.core.queue import CPU_QUEUE, GPU_QUEUE, get_celery_client
from tests.support import wait_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "evals"


def _consumed(name: str) -> set[str] | None:
    """The queues the worker process consumes now, as it answers a Celery control inspection."""
    answer = get_celery_client().control.inspect(destination=[name], timeout=2).active_queues() or {}
    return {q["name"] for q in answer[name]} if name in answer else None


def test_a_drained_worker_takes_no_evaluation_until_it_is_undrained(api: Any, start_worker: Any) -> None:
    worker = start_worker("drainable")
    name = next(w["name"] for w in api.get("/api/admin/workers").json() if w["name"].startswith("drainable@"))
    assert wait_for(lambda: _consumed(name), 30, what="the worker to answer") >= {GPU_QUEUE, CPU_QUEUE}

    assert api.post(f"/api/admin/workers/{name}/drain").json()["drained"] is True
    left = wait_for(
        lambda: (queues := _consumed(name)) is not None and GPU_QUEUE not in queues and queues,
        60,
        what="the drained worker to stop consuming the shared GPU queue",
    )
    assert CPU_QUEUE in left, "CPU work (reports, cleaning) goes on"

    questions = api.post(
        "/api/datasets", files={"file": ("mc.jsonl", (FIXTURES / "mixed_subjects.jsonl").read_bytes())}
    ).json()
    created = api.post("/api/evaluations", json={"model": "tiny-chat", "dataset_ids": [questions["id"]]}).json()
    time.sleep(8)  # several heartbeats and reaper passes: nothing may take it meanwhile
    assert api.get(f"/api/evaluations/{created['id']}").json()["status"] == "queued"
    waiting = api.get("/api/admin/queue").json()["gpu_jobs"]
    assert [(j["id"], j["status"], j["worker"]) for j in waiting] == [(created["id"], "queued", None)]

    assert api.post(f"/api/admin/workers/{name}/undrain").json()["drained"] is False
    finished = wait_for(
        lambda: (e := api.get(f"/api/evaluations/{created['id']}").json())["status"] in ("succeeded", "failed") and e,
        240,
        what="the undrained worker to take and finish the evaluation",
    )
    assert finished["status"] == "succeeded", (finished["error"], worker.log()[-3000:])
    assert GPU_QUEUE in (_consumed(name) or set())
    assert "drained: stops consuming the shared 'gpu' queue" in worker.log()
