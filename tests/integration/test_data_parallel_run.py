"""A worker set to 2 CPU processes trains a run under torchrun (gloo): the multi-GPU launch path, without GPUs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from tests.support import event_kinds, wait_for


def test_a_run_trains_in_two_processes_reports_through_the_task_and_cancels(
    api: Any, start_worker: Any, submit: Any, wait_status: Any, all_events: Any
) -> None:
    worker = start_worker("data-parallel", {"TUNEWRIGHT_CPU_PROCESSES": "2"})
    run = submit(max_steps=6, save_steps=3, gradient_accumulation_steps=2)
    done = wait_status(run["id"], {"succeeded", "failed", "cancelled"})
    assert done["status"] == "succeeded", (done["error"], worker.log()[-3000:])
    assert done["progress"]["step"] == 6

    events = all_events(run["id"])
    assert [e["data"]["step"] for e in event_kinds(events, "metric")] == [1, 2, 3, 4, 5, 6]
    logs = [e["data"]["message"] for e in event_kinds(events, "log")]
    assert "data parallel: 2 processes share each step's micro-batches" in logs
    assert any(line.startswith("template parity:") for line in logs), "the task still checks the final weights"
    checkpoints = api.get("/api/checkpoints", params={"run_id": run["id"]}).json()["items"]
    assert sorted(c["step"] for c in checkpoints) == [3, 6]
    launch = Path(checkpoints[0]["path"]).parents[1] / "launch"
    assert (launch / "events.jsonl").is_file() and not (launch / "stop").exists()

    # The task forwards a cancel to the processes through the stop file; they stop after the same step.
    long_run = submit(max_steps=5000, save_steps=5000, gradient_accumulation_steps=2)
    wait_for(lambda: api.get(f"/api/runs/{long_run['id']}").json()["progress"]["step"] >= 2, 180, what="training")
    response = api.post(f"/api/runs/{long_run['id']}/cancel")
    assert response.status_code == 200
    done = wait_status(long_run["id"], {"cancelled", "failed", "succeeded"}, timeout=90)
    assert done["status"] == "cancelled", done["error"]
    steps = [e["data"]["step"] for e in event_kinds(all_events(long_run["id"]), "metric")]
    assert steps == list(range(1, len(steps) + 1)) and len(steps) < 5000


def test_a_sharded_full_fine_tuning_run_trains_in_two_processes_and_saves_whole_models(
    api: Any, dataset: dict[str, Any], start_worker: Any, wait_status: Any, all_events: Any
) -> None:
    from safetensors.torch import load_file

    worker = start_worker("sharded", {"TUNEWRIGHT_CPU_PROCESSES": "2"})
    hyperparameters = {
        "max_steps": 4,
        "save_steps": 2,
        "gradient_accumulation_steps": 2,
        "learning_rate": 1e-3,
        "distributed_strategy": "fsdp",
    }
    body = {"dataset_id": dataset["id"], "model": "tiny-chat", "method": "full", "hyperparameters": hyperparameters}
    response = api.post("/api/runs", json=body)
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["resolved_spec"]["hyperparameters"]["distributed_strategy"] == "fsdp"
    done = wait_status(run["id"], {"succeeded", "failed", "cancelled"})
    assert done["status"] == "succeeded", (done["error"], worker.log()[-3000:])

    logs = [e["data"]["message"] for e in event_kinds(all_events(run["id"]), "log")]
    assert any(line.startswith("fully sharded data parallel over 2 processes") for line in logs), logs
    assert any(line.startswith("template parity:") for line in logs), "the final folder loads as a whole model"
    checkpoints = api.get("/api/checkpoints", params={"run_id": run["id"]}).json()["items"]
    assert sorted(c["step"] for c in checkpoints) == [2, 4]
    for checkpoint in checkpoints:
        weights = load_file(Path(checkpoint["path"]) / "model.safetensors")
        assert "model.embed_tokens.weight" in weights and weights["model.embed_tokens.weight"].shape[1] == 128
