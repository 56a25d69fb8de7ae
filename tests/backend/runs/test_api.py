from __future__ import annotations

import json
from typing import Any

import pytest


def _create(api: Any, dataset: dict[str, Any], **overrides: Any) -> Any:
    body = {"dataset_id": dataset["id"], "model": "tiny-chat", **overrides}
    return api.post("/api/runs", json=body)


def test_create_resolves_auto_and_enqueues_after_commit(
    api: Any, dataset: dict[str, Any], queued_messages: Any
) -> None:
    response = _create(api, dataset, hyperparameters={"epochs": 2, "batch_size": 8, "lora_r": 4})
    assert response.status_code == 201, response.text
    run = response.json()
    assert run["id"].startswith("run_") and run["status"] == "validating" and run["attempts"] == 0
    hp = run["resolved_spec"]["hyperparameters"]
    steps_per_epoch = -(-dataset["record_count"] // 8)
    assert hp["max_steps"] == 2 * steps_per_epoch == run["progress"]["total_steps"]
    assert hp["lora_alpha"] == 8 and hp["learning_rate"] > 0 and hp["max_seq_length"] <= 1024
    assert any("lora_alpha" in d for d in run["resolved_spec"]["decisions"])
    assert run["spec"]["hyperparameters"]["learning_rate"] == "auto"
    assert queued_messages("cpu") == 1 and queued_messages() == 0  # the data check comes before any GPU time
    assert api.get(f"/api/runs/{run['id']}").json()["id"] == run["id"]
    [event] = api.get(f"/api/runs/{run['id']}/events").json()["items"]
    assert event["kind"] == "status" and event["data"]["status"] == "validating"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"model": "gpt-17"}, "model"),
        ({"dataset_id": "ds_missing"}, "dataset_id"),
        ({"hyperparameters": {"epochs": -1}}, "hyperparameters.epochs"),
        ({"hyperparameters": {"learning_rate": "fast"}}, "hyperparameters.learning_rate"),
        ({"hyperparameters": {"max_seq_length": 100000}}, "hyperparameters.max_seq_length"),
        ({"hyperparameters": {"max_steps": 0}}, "hyperparameters.max_steps"),
        ({"hyperparameters": {"lora_rank": 8}}, "hyperparameters.lora_rank"),
        ({"method": "sparse"}, "method"),
        ({"stage": "cpt"}, "stage"),
        ({"model": "tiny", "resources": {"gpus": 8}}, "resources.gpus"),
        ({"hyperparameters": {"eval_steps": 5}}, "hyperparameters.eval_steps"),
        ({"hyperparameters": {"early_stopping_patience": 2}}, "hyperparameters.early_stopping_patience"),
        (
            {"method": "freeze", "hyperparameters": {"freeze_trainable_layers": 99}},
            "hyperparameters.freeze_trainable_layers",
        ),
        ({"trust_remote_code": True}, "trust_remote_code"),
    ],
)
def test_bad_specs_are_422_naming_the_field_and_enqueue_nothing(
    api: Any, dataset: dict[str, Any], queued_messages: Any, overrides: dict[str, Any], field: str
) -> None:
    response = _create(api, dataset, **overrides)
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field
    assert response.json()["detail"]
    assert api.get("/api/runs").json()["items"] == []
    assert queued_messages() == 0 and queued_messages("cpu") == 0


def test_malformed_json_body_is_422(api: Any) -> None:
    response = api.post("/api/runs", content=b"{not json", headers={"content-type": "application/json"})
    assert response.status_code == 422 and response.json()["error"] == "InvalidInput"


@pytest.mark.parametrize("validated", [False, True])
def test_cancel_a_waiting_run_at_once_then_conflict(
    api: Any, dataset: dict[str, Any], mark_validated: Any, validated: bool
) -> None:
    run = _create(api, dataset).json()
    if validated:
        mark_validated(run["id"])
    cancelled = api.post(f"/api/runs/{run['id']}/cancel").json()
    assert cancelled["status"] == "cancelled" and cancelled["finished_at"]
    again = api.post(f"/api/runs/{run['id']}/cancel")
    assert again.status_code == 409 and again.json()["error"] == "Conflict"
    assert api.post("/api/runs/run_nope/cancel").status_code == 404


def test_list_filters_by_status_and_paginates(api: Any, dataset: dict[str, Any]) -> None:
    ids = [_create(api, dataset).json()["id"] for _ in range(3)]
    api.post(f"/api/runs/{ids[1]}/cancel")
    queued = api.get("/api/runs", params={"status": "validating"}).json()["items"]
    assert [r["id"] for r in queued] == [ids[2], ids[0]]
    page = api.get("/api/runs", params={"limit": 2}).json()
    rest = api.get("/api/runs", params={"limit": 2, "cursor": page["next_cursor"]}).json()
    assert [r["id"] for r in page["items"] + rest["items"]] == ids[::-1]
    assert api.get("/api/runs", params={"status": "exploded"}).status_code == 422


def test_event_stream_replays_history_then_ends(api: Any, dataset: dict[str, Any]) -> None:
    run = _create(api, dataset).json()
    api.post(f"/api/runs/{run['id']}/cancel")
    with api.stream("GET", f"/api/runs/{run['id']}/events/stream") as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        text = "".join(response.iter_text())
    blocks = [b for b in text.split("\n\n") if b.strip()]
    parsed = [dict(line.split(": ", 1) for line in b.splitlines() if ": " in line) for b in blocks]
    statuses = [json.loads(p["data"])["data"]["status"] for p in parsed if p.get("event") == "run_event"]
    assert statuses == ["validating", "cancelled"]
    assert parsed[-1]["event"] == "end" and json.loads(parsed[-1]["data"]) == {"status": "cancelled"}
    first_id = int(parsed[0]["id"])
    with api.stream("GET", f"/api/runs/{run['id']}/events/stream", headers={"Last-Event-ID": str(first_id)}) as resumed:
        resumed_text = "".join(resumed.iter_text())
    assert f"id: {first_id}\n" not in resumed_text and "cancelled" in resumed_text
    assert api.get("/api/runs/run_nope/events/stream").status_code == 404


def test_checkpoints_list_is_empty_for_a_new_run(api: Any, dataset: dict[str, Any]) -> None:
    run = _create(api, dataset).json()
    assert api.get("/api/checkpoints", params={"run_id": run["id"]}).json() == {"items": [], "next_cursor": None}


def test_family_name_picks_the_chat_model_for_little_data_with_lora(api: Any, dataset: dict[str, Any]) -> None:
    run = _create(api, dataset, model="tiny").json()
    assert run["model"] == "tiny-chat" and run["method"] == "lora"
    decisions = " ".join(run["resolved_spec"]["decisions"])
    assert "little data" in decisions and "alignment survives" in decisions and "estimate:" in decisions
    estimate = run["resolved_spec"]["estimate"]
    assert estimate["fits"] and estimate["trainable_parameters"] < estimate["parameters"]
    assert run["resolved_spec"]["resources"]["device"] == "cpu"
    assert run["resolved_spec"]["hyperparameters"]["precision"] == "fp32"


def test_explicit_methods_resolve_their_own_settings(api: Any, dataset: dict[str, Any]) -> None:
    full = _create(api, dataset, method="full").json()
    assert full["method"] == "full" and full["resolved_spec"]["hyperparameters"]["learning_rate"] == 2e-5
    qlora = _create(api, dataset, method="qlora").json()
    assert qlora["resolved_spec"]["quantization"] == {
        "bits": 4,
        "quant_type": "nf4",
        "double_quant": True,
        "compute_dtype": "fp32",
    }
    evals = _create(api, dataset, hyperparameters={"eval_fraction": 0.1, "save_steps": 7}).json()
    assert evals["resolved_spec"]["hyperparameters"]["eval_steps"] == 7


def test_a_run_that_cannot_fit_is_refused_before_it_queues(
    api: Any, dataset: dict[str, Any], queued_messages: Any, monkeypatch: Any
) -> None:
    from backend.core.settings import get_settings

    # Between what full fine-tuning (0.109 GB) and LoRA (0.100 GB) of tiny-chat need with checkpointing.
    monkeypatch.setattr(get_settings(), "cpu_memory_gb", 0.105)
    response = _create(api, dataset, method="full")
    assert response.status_code == 422
    body = response.json()
    assert body["field"] == "method" and "GB per device" in body["detail"] and "Try:" in body["detail"]
    assert "QLORA" in body["detail"] or "LORA" in body["detail"]
    assert queued_messages("cpu") == 0 and api.get("/api/runs").json()["items"] == []


def test_a_base_model_trains_with_its_familys_chat_template(api: Any, dataset: dict[str, Any]) -> None:
    base = _create(api, dataset, model="tiny-base").json()
    assert "<|im_start|>" in base["resolved_spec"]["model"]["chat_template"]
    assert any("tiny-chat's" in d for d in base["resolved_spec"]["decisions"])
    chat = _create(api, dataset, model="tiny-chat").json()
    assert chat["resolved_spec"]["model"]["chat_template"] is None  # it has its own


def test_a_multi_gpu_run_needs_accumulation_that_splits_over_its_gpus(
    api: Any, dataset: dict[str, Any], queued_messages: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    from backend.core.settings import get_settings

    monkeypatch.setenv("TUNEWRIGHT_GPU_COUNT", "4")
    get_settings.cache_clear()
    try:
        refused = _create(api, dataset, resources={"gpus": 2}, hyperparameters={"gradient_accumulation_steps": 3})
        assert refused.status_code == 422, refused.text
        assert refused.json()["field"] == "hyperparameters.gradient_accumulation_steps"
        assert "multiple of 2" in refused.json()["detail"]
        assert api.get("/api/runs").json()["items"] == [] and queued_messages("cpu") == 0

        accepted = _create(api, dataset, resources={"gpus": 2}, hyperparameters={"gradient_accumulation_steps": 4})
        assert accepted.status_code == 201, accepted.text
        assert accepted.json()["resolved_spec"]["resources"]["gpus"] == 2
    finally:
        monkeypatch.delenv("TUNEWRIGHT_GPU_COUNT")
        get_settings.cache_clear()
