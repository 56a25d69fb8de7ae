"""The evaluations API without a worker: what is accepted, what is refused (and why), and what gets queued."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest

from backend.core.db import session_scope, utcnow
from backend.evals import lifecycle
from backend.models import Evaluation


def test_evaluate_a_model_on_demand_is_queued_on_the_gpu_queue(
    api: Any, mc_set: dict[str, Any], chats: dict[str, Any], queued_evaluations: Any
) -> None:
    body = {"model": "tiny-chat", "dataset_ids": [mc_set["id"]], "general_dataset_ids": [chats["id"]]}
    response = api.post("/api/evaluations", json=body)
    assert response.status_code == 201, response.text
    evaluation = response.json()
    assert evaluation["id"].startswith("eval_") and evaluation["status"] == "queued"
    assert evaluation["model"] == "tiny-chat" and evaluation["trigger"] == "on_demand"
    assert evaluation["dataset_ids"] == [mc_set["id"]] and evaluation["general_dataset_ids"] == [chats["id"]]
    assert queued_evaluations() == 1
    assert api.get(f"/api/evaluations/{evaluation['id']}").json()["id"] == evaluation["id"]
    assert [e["id"] for e in api.get("/api/evaluations").json()["items"]] == [evaluation["id"]]
    assert api.get(f"/api/evaluations/{evaluation['id']}/items").json() == {"items": []}


@pytest.mark.parametrize(
    ("body", "field", "says"),
    [
        ({"dataset_ids": ["ds_x"]}, "", "exactly one of checkpoint_id and model"),
        ({"model": "tiny-chat", "checkpoint_id": "ckpt_x", "dataset_ids": ["ds_x"]}, "", "exactly one"),
        ({"model": "tiny-chat"}, "", "at least one eval set"),
        ({"model": "tiny-chat", "dataset_ids": ["ds_missing"]}, "dataset_ids[0]", "No dataset"),
        ({"model": "tiny", "dataset_ids": ["MC"]}, "model", "model family"),
        ({"model": "nope", "dataset_ids": ["MC"]}, "model", "Unknown model"),
        ({"checkpoint_id": "ckpt_missing", "dataset_ids": ["MC"]}, "checkpoint_id", "No checkpoint"),
        ({"model": "tiny-chat", "dataset_ids": ["MC"], "prompt_style": "fancy"}, "prompt_style", ""),
        ({"model": "tiny-chat", "dataset_ids": ["MC"], "generation_backend": "vllm"}, "generation_backend", ""),
    ],
)
def test_bad_requests_are_422_naming_the_field_and_queue_nothing(
    api: Any, mc_set: dict[str, Any], queued_evaluations: Any, body: dict[str, Any], field: str, says: str
) -> None:
    body = {
        k: ([mc_set["id"] if v == "MC" else v for v in value] if isinstance(value, list) else value)
        for k, value in body.items()
    }
    response = api.post("/api/evaluations", json=body)
    assert response.status_code == 422, response.text
    error = response.json()
    assert error["error"] in ("InvalidInput", "ValidationError") and says in error["detail"]
    if field:
        assert error["field"] == field
    assert queued_evaluations() == 0


def test_prompt_sets_are_for_people_not_for_scoring(api: Any) -> None:
    response = api.post("/api/datasets", files={"file": ("prompts.jsonl", b'{"prompt": "Explain a lease."}\n')})
    assert response.status_code == 201 and response.json()["format"] == "prompts"
    dataset_id = response.json()["id"]
    refused = api.post("/api/evaluations", json={"model": "tiny-chat", "dataset_ids": [dataset_id]})
    assert refused.status_code == 422 and refused.json()["field"] == "dataset_ids[0]"
    assert "rated by people" in refused.json()["detail"]


def test_a_run_declares_its_evaluation_and_the_best_metric_is_resolved(
    api: Any, chats: dict[str, Any], mc_set: dict[str, Any]
) -> None:
    base = {"dataset_id": chats["id"], "model": "tiny-chat"}
    run = api.post("/api/runs", json={**base, "evaluation": {"dataset_ids": [mc_set["id"]]}}).json()
    assert run["evaluation"] == {
        "dataset_ids": [mc_set["id"]],
        "general_dataset_ids": [],
        "best_metric": "mc_accuracy",
        "prompt_style": "plain",
        "generate_answers": False,
    }
    assert run["recommended_checkpoint_id"] is None
    assert any(d.startswith("evaluation: every checkpoint") for d in run["resolved_spec"]["decisions"])
    loss_only = api.post("/api/runs", json={**base, "evaluation": {"dataset_ids": [chats["id"]]}}).json()
    assert loss_only["evaluation"]["best_metric"] == "eval_loss"
    assert api.post("/api/runs", json=base).json()["evaluation"] is None
    plan = {"dataset_ids": [mc_set["id"]], "generate_answers": True, "best_metric": "mc_generate_accuracy"}
    generating = api.post("/api/runs", json={**base, "evaluation": plan})
    assert generating.status_code == 201, generating.text
    assert generating.json()["evaluation"]["best_metric"] == "mc_generate_accuracy"


@pytest.mark.parametrize(
    ("plan", "field", "says"),
    [
        ({"dataset_ids": []}, "evaluation.dataset_ids", ""),
        ({"dataset_ids": ["ds_missing"]}, "evaluation.dataset_ids[0]", "No dataset"),
        ({"dataset_ids": ["CHATS"], "best_metric": "mc_accuracy"}, "evaluation.best_metric", "eval_loss"),
        ({"dataset_ids": ["MC"], "best_metric": "general_eval_loss_delta"}, "evaluation.best_metric", "not measured"),
        ({"dataset_ids": ["MC"], "colour": "red"}, "evaluation.colour", ""),
        ({"dataset_ids": ["MC"], "best_metric": "mc_generate_accuracy"}, "evaluation.best_metric", "not measured"),
    ],
)
def test_a_bad_evaluation_plan_refuses_the_run(
    api: Any, chats: dict[str, Any], mc_set: dict[str, Any], plan: dict[str, Any], field: str, says: str
) -> None:
    ids = {"MC": mc_set["id"], "CHATS": chats["id"]}
    plan = {k: ([ids.get(v, v) for v in value] if isinstance(value, list) else value) for k, value in plan.items()}
    response = api.post("/api/runs", json={"dataset_id": chats["id"], "model": "tiny-chat", "evaluation": plan})
    assert response.status_code == 422, response.text
    assert response.json()["field"] == field and says in response.json()["detail"]
    assert api.get("/api/runs").json()["items"] == []


def test_a_second_delivery_claims_nothing(api: Any, mc_set: dict[str, Any]) -> None:
    evaluation = api.post("/api/evaluations", json={"model": "tiny-chat", "dataset_ids": [mc_set["id"]]}).json()
    with session_scope() as session:
        first = lifecycle.claim(session, evaluation["id"], "w1", 60)
    with session_scope() as session:
        second = lifecycle.claim(session, evaluation["id"], "w2", 60)
    assert first is not None and second is None
    token, job = first
    assert job["sets"][0]["kind"] == "multiple_choice" and job["sets"][0]["role"] == "domain"
    with session_scope() as session:
        assert not lifecycle.fail(session, evaluation["id"], "not-the-token", "x")
        assert lifecycle.fail(session, evaluation["id"], token, "the model folder is missing")
    failed = api.get(f"/api/evaluations/{evaluation['id']}").json()
    assert failed["status"] == "failed" and failed["error"] == "the model folder is missing"


def test_the_generation_backend_asked_for_and_the_one_chosen_are_shown(api: Any, mc_set: dict[str, Any]) -> None:
    body = {"model": "tiny-chat", "dataset_ids": [mc_set["id"]], "generate_answers": True}
    auto = api.post("/api/evaluations", json=body).json()
    assert auto["generation_backend"] == "auto" and auto["generation"] is None
    asked = api.post("/api/evaluations", json={**body, "generation_backend": "service"}).json()
    assert asked["generation_backend"] == "service"
    with session_scope() as session:
        claimed = lifecycle.claim(session, asked["id"], "w1", 60)
    assert claimed is not None
    token, job = claimed
    assert job["generation_backend"] == "service" and job["model_served_name"] == "tiny-chat"
    with session_scope() as session:
        assert not lifecycle.record_generation(session, asked["id"], "not-the-token", "service", "x")
        assert lifecycle.record_generation(session, asked["id"], token, "service", "service was asked for")
    shown = api.get(f"/api/evaluations/{asked['id']}").json()
    assert shown["generation"] == {"backend": "service", "reason": "service was asked for"}
    with session_scope() as session:
        assert lifecycle.fail(session, asked["id"], token, "done")
        assert not lifecycle.record_generation(session, asked["id"], token, "in_process", "too late")
    assert api.get(f"/api/evaluations/{asked['id']}").json()["generation"]["backend"] == "service"


def test_the_reaper_requeues_a_lost_evaluation_then_fails_it_and_resends_lost_messages(
    api: Any, mc_set: dict[str, Any], queued_evaluations: Any
) -> None:
    evaluation_id = api.post("/api/evaluations", json={"model": "tiny-chat", "dataset_ids": [mc_set["id"]]}).json()[
        "id"
    ]
    assert queued_evaluations() == 1

    def lose_worker() -> None:
        with session_scope() as session:
            assert lifecycle.claim(session, evaluation_id, "doomed", 60) is not None
            session.get_one(Evaluation, evaluation_id).lease_expires_at = utcnow() - timedelta(seconds=1)

    lose_worker()
    with session_scope() as session:
        assert lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == [evaluation_id]
    requeued = api.get(f"/api/evaluations/{evaluation_id}").json()
    assert requeued["status"] == "queued" and queued_evaluations() == 2  # sent again
    lose_worker()
    with session_scope() as session:
        lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600)
    failed = api.get(f"/api/evaluations/{evaluation_id}").json()
    assert failed["status"] == "failed" and "lost 2 times" in failed["error"]

    other = api.post("/api/evaluations", json={"model": "tiny-chat", "dataset_ids": [mc_set["id"]]}).json()["id"]
    before = queued_evaluations()
    with session_scope() as session:
        assert lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=3600) == []
        assert lifecycle.JOBS.reap(session, max_attempts=2, redispatch_after_seconds=0) == [other]
    assert queued_evaluations() == before + 1
