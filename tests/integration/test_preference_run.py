"""A DPO LoRA run through the whole stack: the public DPO demo pairs uploaded, checked on the CPU queue, trained by a
real worker process, with reward metrics in the event log and TensorBoard, and adapter checkpoints."""

from __future__ import annotations

import json
import math
import statistics
from pathlib import Path
from typing import Any

import pytest

from tests.support import SHARED_FIXTURES, event_kinds


@pytest.fixture
def dpo_dataset(api: Any) -> dict[str, Any]:
    if not SHARED_FIXTURES.is_dir():
        pytest.skip(f"shared fixtures not found at {SHARED_FIXTURES.resolve()}")
    raw = json.loads((SHARED_FIXTURES / "datasets" / "dpo_en_demo.json").read_text(encoding="utf-8"))
    # The pairs with the shortest prompts, so the answers survive the tiny model's short sequences.
    subset = sorted(raw, key=lambda r: len(json.dumps(r["conversations"])))[:24]
    response = api.post("/api/datasets", files={"file": ("dpo_en_demo.json", json.dumps(subset).encode())})
    assert response.status_code == 201, response.text
    dataset = dict(response.json())
    assert dataset["format"] == "preference" and dataset["record_count"] == 24
    return dataset


def test_a_dpo_lora_run_trains_through_a_real_worker(
    api: Any, start_worker: Any, dpo_dataset: dict[str, Any], wait_status: Any, all_events: Any
) -> None:
    worker = start_worker("preference")
    body = {
        "dataset_id": dpo_dataset["id"],
        "model": "tiny-chat",
        "stage": "dpo",
        "method": "lora",
        "hyperparameters": {"max_steps": 16, "save_steps": 8, "batch_size": 8, "max_seq_length": 160},
    }
    response = api.post("/api/runs", json=body)
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["resolved_spec"]["hyperparameters"]["beta"] == 0.1

    done = wait_status(run["id"], {"succeeded", "failed", "cancelled"})
    assert done["status"] == "succeeded", (done["error"], worker.log()[-3000:])
    events = all_events(run["id"])
    logs = [e["data"]["message"] for e in event_kinds(events, "log")]
    assert logs[0].startswith("data checked: 24 records"), "the pairs are rendered on the CPU queue first"
    assert "reference model: the policy with its adapter switched off" in logs
    # The adapter checkpoint serves with the template it trained with: prompt + chosen and prompt + rejected alike.
    assert "template parity: 24 of 24 records render the same token ids at inference as in training" in logs

    metrics = [e["data"] for e in event_kinds(events, "metric")]
    assert [m["step"] for m in metrics] == list(range(1, 17))
    assert metrics[0]["loss"] == pytest.approx(math.log(2), abs=1e-6)
    accuracy = [m["extra"]["rewards/accuracy"] for m in metrics]
    margin = [m["extra"]["rewards/margin"] for m in metrics]
    assert statistics.mean(accuracy[-4:]) > statistics.mean(accuracy[:4])
    assert statistics.mean(margin[-4:]) > statistics.mean(margin[:4])
    assert statistics.mean(m["loss"] for m in metrics[-4:]) < statistics.mean(m["loss"] for m in metrics[:4])

    checkpoints = api.get("/api/checkpoints", params={"run_id": run["id"]}).json()["items"]
    assert sorted(c["step"] for c in checkpoints) == [8, 16]
    assert all((Path(c["path"]) / "adapter_model.safetensors").is_file() for c in checkpoints)

    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    board = EventAccumulator(str(Path(checkpoints[0]["path"]).parents[1] / "tensorboard"))
    board.Reload()
    assert [s.value for s in board.Scalars("train/rewards/accuracy")] == pytest.approx(accuracy)
