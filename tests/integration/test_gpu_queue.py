"""Several real worker processes advertise different simulated GPU inventories; the scheduler puts each run on the
worker that fits, says why a run that fits nowhere waits, keeps drained workers idle, and a preempted run goes back
to the queue and resumes from its checkpoint without repeating a step."""

from __future__ import annotations

import os
from collections.abc import Iterator
from typing import Any

import pytest

from tests.support import event_kinds, wait_for


@pytest.fixture
def gpu_pool() -> Iterator[None]:
    """The API resolves runs against a 4-GPU pool (TUNEWRIGHT_GPU_COUNT), as an admin with GPU hosts sets it."""
    from backend.core.settings import get_settings

    os.environ["TUNEWRIGHT_GPU_COUNT"] = "4"
    get_settings.cache_clear()
    yield
    del os.environ["TUNEWRIGHT_GPU_COUNT"]
    get_settings.cache_clear()


@pytest.fixture
def submit_gpus(api: Any, dataset: dict[str, Any], gpu_pool: None) -> Any:
    def submit(gpus: int, max_steps: int, save_steps: int) -> dict[str, Any]:
        body = {
            "dataset_id": dataset["id"],
            "model": "tiny-chat",
            "method": "lora",
            "resources": {"gpus": gpus},
            "hyperparameters": {
                "max_steps": max_steps,
                "save_steps": save_steps,
                "precision": "fp32",
                "gradient_accumulation_steps": gpus,
            },
        }
        response = api.post("/api/runs", json=body)
        assert response.status_code == 201, response.text
        run = dict(response.json())
        assert run["queue"]["gpus_required"] == gpus and run["queue"]["gpu_memory_required_mb"] > 0
        return run

    return submit


def _worker(api: Any, prefix: str) -> dict[str, Any]:
    return next(w for w in api.get("/api/admin/workers").json() if w["name"].startswith(prefix + "@"))


def _run(api: Any, run_id: str) -> dict[str, Any]:
    return dict(api.get(f"/api/runs/{run_id}").json())


def _placed(api: Any, run_id: str) -> str:
    return str(wait_for(lambda: _run(api, run_id)["queue"]["assigned_worker"], 120, what=f"{run_id} to be placed"))


def test_runs_land_on_the_worker_that_fits_and_a_preempted_run_resumes_from_its_checkpoint(
    api: Any, start_worker: Any, submit_gpus: Any, wait_status: Any, all_events: Any
) -> None:
    small = start_worker("small", {"TUNEWRIGHT_SIMULATED_GPUS": "L4:24"})
    big = start_worker("big", {"TUNEWRIGHT_SIMULATED_GPUS": "H100:80,H100:80"})
    wait_for(lambda: len([w for w in api.get("/api/admin/workers").json() if w["online"]]) == 2, 60, what="workers")
    assert [g["memory_total_mb"] for g in _worker(api, "big")["gpus"]] == [80_000, 80_000]
    assert _worker(api, "small")["simulated"] is True

    # Drained, the small worker takes nothing, although a 1-GPU run fits it best.
    assert api.post(f"/api/admin/workers/{_worker(api, 'small')['name']}/drain").json()["drained"] is True
    early = submit_gpus(1, max_steps=4, save_steps=4)
    assert _placed(api, early["id"]).startswith("big@")
    assert wait_status(early["id"], {"succeeded", "failed"})["status"] == "succeeded", big.log()[-3000:]
    assert api.post(f"/api/admin/workers/{_worker(api, 'small')['name']}/undrain").json()["drained"] is False

    # Two GPUs exist only on the big worker; the 1-GPU run then fits the small one.
    wide = submit_gpus(2, max_steps=60, save_steps=10)
    assert _placed(api, wide["id"]).startswith("big@")
    narrow = submit_gpus(1, max_steps=4, save_steps=4)
    assert _placed(api, narrow["id"]).startswith("small@")
    assert sorted(_run(api, wide["id"])["queue"]["assigned_gpus"]) == [0, 1]

    # Three GPUs on one worker: nowhere. It waits, and says why.
    too_wide = submit_gpus(3, max_steps=4, save_steps=4)
    waiting = wait_for(lambda: _run(api, too_wide["id"])["queue"]["wait_reason"], 60, what="a wait reason")
    assert waiting.startswith("waiting for 3 GPUs with ≥ ") and "no online worker has that many" in waiting
    assert _run(api, too_wide["id"])["queue"]["position"] == 1
    queue = api.get("/api/admin/queue").json()
    assert [q["id"] for q in queue["queued"] if q["position"] is not None] == [too_wide["id"]]

    # Preempt the wide run once it has a checkpoint and has moved on.
    def moving() -> bool:
        events = all_events(wide["id"])
        steps = [e["data"]["step"] for e in event_kinds(events, "metric")]
        return bool(event_kinds(events, "checkpoint")) and max(steps, default=0) >= 12

    wait_for(moving, 240, interval=0.2, what="a checkpoint and a few more steps")
    response = api.post(f"/api/admin/queue/runs/{wide['id']}/preempt")
    assert response.status_code == 200 and response.json()["pause_requested"] is True
    done = wait_status(wide["id"], {"succeeded", "failed", "cancelled"}, timeout=300)
    assert done["status"] == "succeeded", (done["error"], big.log()[-3000:])

    events = all_events(wide["id"])
    statuses = [e["data"] for e in event_kinds(events, "status")]
    assert [s["status"] for s in statuses] == ["validating", "queued", "running", "queued", "running", "succeeded"]
    assert statuses[3].get("preempted") is True and "resumes from that checkpoint" in statuses[3]["reason"]
    assert [e["data"]["step"] for e in event_kinds(events, "metric")] == list(range(1, 61)), "no step repeated"
    assert done["attempts"] == 1, "a preemption is not a failed attempt"
    logs = [e["data"]["message"] for e in event_kinds(events, "log")]
    assert any("preempted by admin" in m for m in logs)
    assert sum(m.startswith("assigned to big@") for m in logs) == 2, "placed again on the only worker that fits"
    assert wait_status(narrow["id"], {"succeeded", "failed"})["status"] == "succeeded", small.log()[-3000:]

    assert api.post(f"/api/admin/queue/runs/{too_wide['id']}/cancel").json()["status"] == "cancelled"
    usage = {u["email"]: u for u in api.get("/api/admin/queue").json()["usage"]}
    assert sum(u["gpu_hours"] for u in usage.values()) > 0
