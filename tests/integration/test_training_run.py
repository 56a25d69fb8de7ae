"""A real worker process trains the tiny chat model through the whole stack: API → Redis → Celery → engine → DB."""

from __future__ import annotations

import statistics
import time
from pathlib import Path
from typing import Any

import pytest

from backend.core.queue import TRAIN_RUN, send_now
from tests.support import event_kinds, wait_for


def test_run_trains_reports_every_step_and_writes_checkpoints(
    api: Any, start_worker: Any, submit: Any, wait_status: Any, all_events: Any
) -> None:
    worker = start_worker("trainer")
    run = submit(max_steps=30, save_steps=10)
    done = wait_status(run["id"], {"succeeded", "failed", "cancelled"})
    assert done["status"] == "succeeded", (done["error"], worker.log()[-3000:])
    assert done["attempts"] == 1 and done["progress"]["step"] == 30

    events = all_events(run["id"])
    metrics = [e["data"] for e in event_kinds(events, "metric")]
    assert [m["step"] for m in metrics] == list(range(1, 31))
    for m in metrics:
        assert m["learning_rate"] > 0 and m["grad_norm"] >= 0 and m["tokens_per_second"] > 0 and m["total_steps"] == 30
    first, last = statistics.mean(m["loss"] for m in metrics[:5]), statistics.mean(m["loss"] for m in metrics[-5:])
    assert last < 0.8 * first, f"loss did not decrease: {first:.3f} -> {last:.3f}"
    statuses = [e["data"]["status"] for e in event_kinds(events, "status")]
    assert statuses == ["validating", "queued", "running", "succeeded"]
    logs = [e["data"]["message"] for e in event_kinds(events, "log")]
    assert logs[0].startswith("data checked: 400 records"), "the data check runs before training"
    assert "template parity: 32 of 32 records render the same token ids at inference as in training" in logs

    checkpoints = api.get("/api/checkpoints", params={"run_id": run["id"]}).json()["items"]
    assert sorted(c["step"] for c in checkpoints) == [10, 20, 30]
    for checkpoint in checkpoints:
        folder = Path(checkpoint["path"])
        assert folder.is_dir() and not folder.name.startswith(".tmp")
        assert (folder / "adapter_model.safetensors").is_file()
        assert "loss" in checkpoint["metrics"]
    assert {e["data"]["checkpoint_id"] for e in event_kinds(events, "checkpoint")} == {c["id"] for c in checkpoints}

    from tensorboard.backend.event_processing.event_accumulator import EventAccumulator

    board = EventAccumulator(str(Path(checkpoints[0]["path"]).parents[1] / "tensorboard"))
    board.Reload()
    assert [s.step for s in board.Scalars("train/loss")] == list(range(1, 31))
    assert [s.value for s in board.Scalars("train/loss")] == pytest.approx([m["loss"] for m in metrics])


def test_a_redelivered_message_does_not_run_the_job_twice(
    api: Any, start_worker: Any, submit: Any, wait_status: Any, all_events: Any
) -> None:
    start_worker("first")
    start_worker("second")
    run = submit(max_steps=15, save_steps=15)
    for _ in range(3):  # as if the broker redelivered the message to both workers
        send_now(TRAIN_RUN, run["id"])
    done = wait_status(run["id"], {"succeeded", "failed"})
    assert done["status"] == "succeeded" and done["attempts"] == 1
    time.sleep(2)  # let every duplicate reach a worker
    send_now(TRAIN_RUN, run["id"])
    time.sleep(2)
    events = all_events(run["id"])
    assert [e["data"]["status"] for e in event_kinds(events, "status")] == [
        "validating",
        "queued",
        "running",
        "succeeded",
    ]
    assert [e["data"]["step"] for e in event_kinds(events, "metric")] == list(range(1, 16))
    assert api.get(f"/api/runs/{run['id']}").json()["attempts"] == 1


def test_cancel_stops_a_running_job_within_one_step(
    api: Any, start_worker: Any, submit: Any, wait_status: Any, all_events: Any
) -> None:
    start_worker("canceller")
    run = submit(max_steps=5000, save_steps=5000)
    wait_for(lambda: api.get(f"/api/runs/{run['id']}").json()["progress"]["step"] >= 3, 120, what="training to start")
    response = api.post(f"/api/runs/{run['id']}/cancel")
    assert response.status_code == 200 and response.json()["cancel_requested"]
    step_at_cancel = response.json()["progress"]["step"]
    done = wait_status(run["id"], {"cancelled", "failed", "succeeded"}, timeout=60)
    assert done["status"] == "cancelled"
    metric_steps = [e["data"]["step"] for e in event_kinds(all_events(run["id"]), "metric")]
    assert max(metric_steps) <= step_at_cancel + 1


def test_data_the_run_cannot_train_on_fails_before_taking_a_gpu(
    api: Any, start_worker: Any, submit: Any, wait_status: Any, all_events: Any
) -> None:
    start_worker("checker")
    run = submit(max_seq_length=16)  # every answer starts after the 16th token: nothing left to train on
    done = wait_status(run["id"], {"failed", "succeeded", "cancelled"}, timeout=120)
    assert done["status"] == "failed" and "no record keeps a trained token" in done["error"]
    assert done["attempts"] == 0 and done["started_at"] is None
    assert not event_kinds(all_events(run["id"]), "metric")


def test_continued_pretraining_on_uploaded_text(api: Any, start_worker: Any, wait_status: Any, all_events: Any) -> None:
    start_worker("pretrainer")
    paragraph = (
        "The river Aldwater rises in the northern hills and runs for ninety miles to the sea. "
        "Millers along its banks grind oats and barley, and every spring the water runs high and brown.\n\n"
    )
    upload = api.post("/api/datasets", files={"file": ("aldwater.txt", (paragraph * 60).encode())})
    assert upload.status_code == 201, upload.text
    dataset = upload.json()
    assert dataset["format"] == "text" and dataset["source_format"] == "txt"
    body = {
        "dataset_id": dataset["id"],
        "model": "tiny-base",
        "stage": "cpt",
        "hyperparameters": {
            "max_steps": 20,
            "save_steps": 10,
            "batch_size": 4,
            "max_seq_length": 128,
            "learning_rate": 2e-3,
        },
    }
    run = api.post("/api/runs", json=body).json()
    assert run["stage"] == "cpt" and run["resolved_spec"]["hyperparameters"]["packing"] is True
    assert run["method"] == "full", "a small base model that fits is fully trained"
    done = wait_status(run["id"], {"succeeded", "failed", "cancelled"})
    assert done["status"] == "succeeded", done["error"]
    events = all_events(run["id"])
    losses = [e["data"]["loss"] for e in event_kinds(events, "metric")]
    assert len(losses) == 20 and statistics.mean(losses[-3:]) < 0.7 * statistics.mean(losses[:3])
    logs = [e["data"]["message"] for e in event_kinds(events, "log")]
    assert any("stage cpt" in line for line in logs)
    assert "template parity: not checked; continued pretraining trains on plain text with no chat template" in logs
    assert sorted(c["step"] for c in api.get("/api/checkpoints", params={"run_id": run["id"]}).json()["items"]) == [
        10,
        20,
    ]
