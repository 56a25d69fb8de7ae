"""Real workers evaluate: a catalog model on demand, and every checkpoint of a run with the best one recommended."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from backend.core.queue import EVALUATE, send_now
from tests.support import SAMPLE_CHAT, wait_for

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "evals"


def _upload(api: Any, path: Path) -> dict[str, Any]:
    response = api.post("/api/datasets", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 201, response.text
    return dict(response.json())


def _finished(api: Any, evaluation_id: str, timeout: float = 240) -> dict[str, Any]:
    def done() -> dict[str, Any] | None:
        evaluation = api.get(f"/api/evaluations/{evaluation_id}").json()
        return evaluation if evaluation["status"] in ("succeeded", "failed") else None

    return wait_for(done, timeout, interval=0.3, what=f"evaluation {evaluation_id} to finish")


def test_a_model_evaluated_on_demand_reports_accuracy_per_subject_and_per_item(api: Any, start_worker: Any) -> None:
    worker = start_worker("evaluator")
    mc = _upload(api, FIXTURES / "mixed_subjects.jsonl")
    mmlu = _upload(api, FIXTURES / "arithmetic_test.csv")
    body = {"model": "tiny-chat", "dataset_ids": [mc["id"], mmlu["id"]], "generate_answers": True}
    created = api.post("/api/evaluations", json=body).json()
    send_now(EVALUATE, created["id"])  # a redelivered message: the second claim finds nothing
    evaluation = _finished(api, created["id"])
    assert evaluation["status"] == "succeeded", (evaluation["error"], worker.log()[-3000:])
    assert evaluation["progress"] == 1.0 and evaluation["started_at"] and evaluation["finished_at"]

    items = api.get(f"/api/evaluations/{created['id']}/items").json()["items"]
    assert len(items) == 10 and {i["model"] for i in items} == {"candidate"}
    for item in items:
        assert item["chosen"] == max(range(4), key=lambda c: (item["loglikelihoods"][c], -c))
        assert item["correct"] == (item["chosen"] == item["answer"])
        assert isinstance(item["generated"], str) and item["generate_correct"] == (item["extracted"] == item["answer"])
    assert evaluation["metrics"]["mc_accuracy"] == pytest.approx(sum(i["correct"] for i in items) / 10)
    assert evaluation["metrics"]["mc_generate_accuracy"] == pytest.approx(
        sum(i["generate_correct"] for i in items) / 10
    )
    assert evaluation["generate_answers"] is True
    first = evaluation["results"][0]
    assert first["dataset_id"] == mc["id"] and first["kind"] == "multiple_choice"
    subjects = first["metrics"]["subjects"]
    for subject, values in subjects.items():
        of_subject = [i for i in items if i["dataset_id"] == mc["id"] and i["subject"] == subject]
        assert values["questions"] == len(of_subject) == 2
        assert values["mc_accuracy"] == pytest.approx(sum(i["correct"] for i in of_subject) / 2)
    assert list(evaluation["results"][1]["metrics"]["subjects"]) == ["arithmetic"]  # from the MMLU file name
    # The redelivered message waits behind the evaluation on the one-process worker, then claims nothing.
    wait_for(lambda: "nothing to claim" in worker.log(), 60, interval=0.3, what="the second delivery to be consumed")
    assert worker.log().count("nothing to claim") == 1


def test_every_checkpoint_is_evaluated_and_the_best_by_the_declared_metric_is_recommended(
    api: Any, start_worker: Any, wait_status: Any
) -> None:
    worker = start_worker("trainer")
    chats = _upload(api, SAMPLE_CHAT)
    mc = _upload(api, FIXTURES / "mixed_subjects.jsonl")
    plan = {"dataset_ids": [chats["id"], mc["id"]], "general_dataset_ids": [mc["id"]], "best_metric": "eval_loss"}
    body = {
        "dataset_id": chats["id"],
        "model": "tiny-chat",
        "hyperparameters": {"max_steps": 20, "save_steps": 10},
        "evaluation": plan,
    }
    run = api.post("/api/runs", json=body).json()
    done = wait_status(run["id"], {"succeeded", "failed"})
    assert done["status"] == "succeeded", (done["error"], worker.log()[-3000:])

    def all_evaluated() -> list[dict[str, Any]] | None:
        rows = api.get("/api/evaluations", params={"run_id": run["id"]}).json()["items"]
        return rows if len(rows) == 2 and all(r["status"] in ("succeeded", "failed") for r in rows) else None

    evaluations = wait_for(all_evaluated, 240, interval=0.5, what="both checkpoints to be evaluated")
    assert all(e["status"] == "succeeded" for e in evaluations), [e["error"] for e in evaluations]
    checkpoints = api.get("/api/checkpoints", params={"run_id": run["id"]}).json()["items"]
    assert {e["checkpoint_id"] for e in evaluations} == {c["id"] for c in checkpoints}
    assert all(e["trigger"] == "automatic" for e in evaluations)
    for evaluation in evaluations:
        metrics = evaluation["metrics"]
        # The general set is scored for the checkpoint and for the untouched tiny-chat; the delta is their change.
        assert metrics["general_mc_accuracy_delta"] == pytest.approx(
            metrics["general_mc_accuracy"] - metrics["reference_general_mc_accuracy"]
        )
        assert metrics["mc_accuracy"] == metrics["general_mc_accuracy"]  # the same questions, the same model
        assert metrics["eval_loss"] > 0 and metrics["perplexity"] > 1
    # The untouched reference is scored on the general set once: the later evaluation reuses the cached results
    # and does not load the reference model at all.
    first, second = sorted(evaluations, key=lambda e: e["started_at"])
    general_of = [next(r for r in e["results"] if r["role"] == "general") for e in (first, second)]
    assert [r["reference_cached"] for r in general_of] == [False, True]
    assert general_of[0]["reference"] == general_of[1]["reference"]
    assert first["metrics"]["reference_general_mc_accuracy"] == second["metrics"]["reference_general_mc_accuracy"]
    log = worker.log()
    assert f"evaluation {first['id']}: reference results cached for 0 of 1 general set(s)\n" in log
    assert f"evaluation {second['id']}: reference results cached for 1 of 1 general set(s); the reference " in log
    reference_items = [
        [i for i in api.get(f"/api/evaluations/{e['id']}/items").json()["items"] if i["model"] == "reference"]
        for e in (first, second)
    ]
    assert reference_items[0] == reference_items[1] and len(reference_items[0]) == 6
    best = min(evaluations, key=lambda e: e["metrics"]["eval_loss"])
    recommended = api.get(f"/api/runs/{run['id']}").json()["recommended_checkpoint_id"]
    assert recommended == best["checkpoint_id"]
    # Training lowers the loss on its own data: the later checkpoint is the better one here.
    by_step = {c["id"]: c["step"] for c in checkpoints}
    assert by_step[recommended] == 20

    # On demand, the other checkpoint on other sets: it is scored, but it cannot change the recommendation, which
    # compares checkpoints on the run's own sets only.
    other = next(c["id"] for c in checkpoints if c["id"] != recommended)
    body = {"checkpoint_id": other, "dataset_ids": [mc["id"]], "general_dataset_ids": [chats["id"]]}
    on_demand = _finished(api, api.post("/api/evaluations", json=body).json()["id"])
    assert on_demand["status"] == "succeeded" and on_demand["trigger"] == "on_demand", on_demand["error"]
    assert on_demand["run_id"] == run["id"] and "general_eval_loss_delta" in on_demand["metrics"]
    assert on_demand["results"][-1]["reference_cached"] is False, "a set never scored on the reference is a miss"
    assert api.get(f"/api/runs/{run['id']}").json()["recommended_checkpoint_id"] == recommended


def test_an_evaluation_whose_worker_is_killed_is_finished_by_another(
    api: Any, start_worker: Any, tmp_path: Path
) -> None:
    # Enough questions that scoring outlasts the kill: 1,500 questions × 4 choices.
    big = tmp_path / "big_mc.jsonl"
    big.write_text(
        "".join(
            json.dumps(
                {"question": f"What is {i} + {i}?", "choices": [str(2 * i), str(2 * i + 1), "0", "1"], "answer": 0}
            )
            + "\n"
            for i in range(1500)
        ),
        encoding="utf-8",
    )
    dataset = _upload(api, big)
    doomed = start_worker("doomed")
    created = api.post("/api/evaluations", json={"model": "tiny-chat", "dataset_ids": [dataset["id"]]}).json()

    def scoring() -> bool:
        evaluation = api.get(f"/api/evaluations/{created['id']}").json()
        assert evaluation["status"] in ("queued", "running"), "the evaluation finished before the worker was killed"
        return bool(evaluation["status"] == "running" and evaluation["progress"] > 0)

    wait_for(scoring, 120, interval=0.1, what="the evaluation to be scoring")
    doomed.kill()
    start_worker("rescuer")
    evaluation = _finished(api, created["id"], timeout=300)
    assert evaluation["status"] == "succeeded", evaluation["error"]
    assert evaluation["attempts"] == 2
    items = api.get(f"/api/evaluations/{created['id']}/items").json()["items"]
    assert [i["index"] for i in items] == list(range(1500)), "every question scored once, in order"
