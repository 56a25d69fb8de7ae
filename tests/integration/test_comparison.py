"""Blind side-by-side rating end to end: a real worker trains a tiny LoRA run, a real CPU inference server answers
for tiny-chat and two of its checkpoints, raters rate blind pairs through the API, and the results equal
backend.evals.aggregate on the exported ratings."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from backend.evals import aggregate
from tests.integration.test_serving import Service, _answers
from tests.support import SAMPLE_CHAT, WorkerProcess, wait_for

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning"),
]

PROMPTS = [
    {"prompt": "Which city is the capital of Mexico?"},
    {"prompt": "Name a colour of the sky.", "reference": "Blue."},
    {"messages": [{"role": "user", "content": "Say hello."}], "reference": "Hello!"},
]
SAMPLING = {"temperature": 0, "max_tokens": 10, "seed": 0}


@pytest.fixture(scope="module")
def inference_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    from backend.core.settings import get_settings
    from backend.launcher import inference_command

    settings = get_settings()
    settings.inference_socket.parent.mkdir(parents=True, exist_ok=True)
    settings.inference_socket.unlink(missing_ok=True)
    server = Service("inference", inference_command(settings), tmp_path_factory.mktemp("inference-logs"))
    health = httpx.Client(transport=httpx.HTTPTransport(uds=str(settings.inference_socket)))
    try:
        wait_for(
            lambda: server.alive() and _answers(lambda: health.get("http://inference/health").is_success),
            timeout=120,
            what="the inference server",
        )
        yield
    finally:
        server.stop()


def _upload(api: Any, name: str, content: bytes) -> dict[str, Any]:
    response = api.post("/api/datasets", files={"file": (name, content)})
    assert response.status_code == 201, response.text
    return dict(response.json())


def _prompts_dataset(api: Any) -> dict[str, Any]:
    dataset = _upload(api, "prompts.jsonl", "".join(json.dumps(p) + "\n" for p in PROMPTS).encode())
    assert dataset["format"] == "prompts"
    return dataset


def _trained_checkpoints(api: Any, worker_logs: Path) -> list[dict[str, Any]]:
    chat = _upload(api, "chat.jsonl", SAMPLE_CHAT.read_bytes())
    body = {"dataset_id": chat["id"], "model": "tiny-chat", "hyperparameters": {"max_steps": 8, "save_steps": 4}}
    submitted = api.post("/api/runs", json=body)
    assert submitted.status_code == 201, submitted.text
    run_id = submitted.json()["id"]
    worker = WorkerProcess("comparison-worker", worker_logs)
    try:
        run = wait_for(
            lambda: (r := api.get(f"/api/runs/{run_id}").json())["status"] in {"succeeded", "failed"} and r,
            timeout=300,
            interval=0.5,
            what="the run to finish",
        )
        assert run["status"] == "succeeded", run["error"]
        return sorted(api.get("/api/checkpoints", params={"run_id": run_id}).json()["items"], key=lambda c: c["step"])
    finally:
        worker.stop()


def _rate_all(api: Any, study_id: str, rater: str, choices: list[str], skip_first: bool = False) -> list[str]:
    """Rate pairs in the order the API hands them out; returns the pair ids rated."""
    rated, skipped = [], []
    for choice in choices:
        page = api.get(f"/api/comparisons/{study_id}/next", params={"rater": rater, "skip": skipped}).json()
        assert page["rated"] == len(rated)
        if page["pair"] is None:
            break
        if skip_first and not skipped:
            skipped.append(page["pair"]["pair_id"])
            continue
        body = {"pair_id": page["pair"]["pair_id"], "rater": rater, "choice": choice, "comment": f"{rater} {choice}"}
        response = api.post(f"/api/comparisons/{study_id}/ratings", json=body)
        assert response.status_code == 201, response.text
        rated.append(page["pair"]["pair_id"])
    return rated


def test_a_side_by_side_study_generates_answers_rates_blind_pairs_and_aggregates(
    api: Any, inference_server: None, tmp_path: Path
) -> None:
    checkpoints = _trained_checkpoints(api, tmp_path)
    assert [c["step"] for c in checkpoints] == [4, 8]
    candidates = ["tiny-chat", checkpoints[0]["id"], checkpoints[1]["id"]]
    prompts = _prompts_dataset(api)
    created = api.post(
        "/api/comparisons", json={"dataset_id": prompts["id"], "candidates": candidates, "sampling": SAMPLING}
    )
    assert created.status_code == 201, created.text
    assert created.json()["status"] == "queued" and created.json()["prompt_count"] == 3
    study_id = created.json()["id"]

    worker = WorkerProcess("comparison-generator", tmp_path)
    try:
        study = wait_for(
            lambda: (s := api.get(f"/api/comparisons/{study_id}").json())["status"] in {"succeeded", "failed"} and s,
            timeout=180,
            interval=0.3,
            what="the answers to be generated",
        )
    finally:
        worker.stop()
    assert study["status"] == "succeeded", study["error"]
    assert study["progress"] == 1.0 and study["pair_count"] == 3 * 3  # 3 prompts × 3 pairs of candidates

    # Blind: a pair names no candidate, and each rater's A/B order is fixed across requests.
    first = api.get(f"/api/comparisons/{study_id}/next", params={"rater": "alice"}).json()
    assert set(first["pair"]) == {"pair_id", "prompt", "reference", "answer_a", "answer_b"}
    assert first["rated"] == 0 and first["total"] == 9
    assert not any(name in json.dumps(first) for name in candidates)
    assert api.get(f"/api/comparisons/{study_id}/next", params={"rater": "alice"}).json() == first
    assert first["pair"]["prompt"] == [{"role": "user", "content": PROMPTS[0]["prompt"]}]

    alice = _rate_all(api, study_id, "alice", ["a", "b", "tie", "a", "a", "b", "tie", "a", "b", "a"])
    bob = _rate_all(api, study_id, "bob", ["b", "b", "a", "tie", "a"], skip_first=True)
    assert len(alice) == 9 and len(bob) == 4 and bob[0] != alice[0]  # bob skipped the first pair
    done = api.get(f"/api/comparisons/{study_id}/next", params={"rater": "alice"}).json()
    assert done == {"pair": None, "rated": 9, "total": 9}

    again = {"pair_id": alice[0], "rater": "alice", "choice": "b"}
    conflict = api.post(f"/api/comparisons/{study_id}/ratings", json=again)
    assert conflict.status_code == 409 and conflict.json()["field"] == "pair_id", conflict.text
    bad = api.post(f"/api/comparisons/{study_id}/ratings", json={**again, "rater": "carol", "choice": "c"})
    assert bad.status_code == 422 and "choice" in json.dumps(bad.json()), bad.text
    missing = api.post(f"/api/comparisons/{study_id}/ratings", json={**again, "pair_id": "pair_nope"})
    assert missing.status_code == 404 and missing.json()["field"] == "pair_id"

    exported = api.get(f"/api/comparisons/{study_id}/export", params={"format": "json"}).json()
    assert len(exported) == 13 and {r["rater"] for r in exported} == {"alice", "bob"}
    # Every answer really came from the inference server: tiny-chat's equals a direct greedy chat with it.
    tiny_row = next(r for r in exported if r["first_candidate"] == "tiny-chat" and r["prompt"] == PROMPTS[0]["prompt"])
    direct = api.post(
        "/v1/chat/completions",
        json={"model": "tiny-chat", "messages": first["pair"]["prompt"], **SAMPLING},
    ).json()
    assert tiny_row["first_answer"] == direct["choices"][0]["message"]["content"]
    # The choice maps through the rater's A/B order onto the candidate shown as A.
    for row in exported:
        a_is_first = row["shown_as_a"] == row["first_candidate"]
        expected = {
            "tie": "tie",
            "a": row["first_candidate"] if a_is_first else row["second_candidate"],
            "b": row["second_candidate"] if a_is_first else row["first_candidate"],
        }[row["choice"]]
        assert row["winner"] == expected and row["comment"] == f"{row['rater']} {row['choice']}"
    orders = {row["shown_as_a"] == row["first_candidate"] for row in exported}
    assert orders == {True, False}, "A/B order is randomised per pair and rater"

    # Results are aggregate.py on the recorded ratings.
    outcomes = [
        aggregate.Comparison(
            r["first_candidate"],
            r["second_candidate"],
            "tie" if r["winner"] == "tie" else "first" if r["winner"] == r["first_candidate"] else "second",
        )
        for r in exported
    ]
    results = api.get(f"/api/comparisons/{study_id}/results").json()
    assert results["rated"] == 13 and results["raters"] == {"alice": 9, "bob": 4}
    for pairwise in results["pairwise"]:
        mine = [o for o in outcomes if (o.first, o.second) == (pairwise["first"], pairwise["second"])]
        expected_rate = aggregate.win_rate(
            sum(o.outcome == "first" for o in mine),
            sum(o.outcome == "second" for o in mine),
            sum(o.outcome == "tie" for o in mine),
        )
        assert (pairwise["wins"], pairwise["losses"], pairwise["ties"]) == (
            expected_rate.wins,
            expected_rate.losses,
            expected_rate.ties,
        )
        assert pairwise["win_rate"] == pytest.approx(expected_rate.rate)
        assert (pairwise["low"], pairwise["high"]) == pytest.approx((expected_rate.low, expected_rate.high))
    assert sum(p["wins"] + p["losses"] + p["ties"] for p in results["pairwise"]) == 13
    ranking = aggregate.bradley_terry(outcomes)
    assert [r["candidate"] for r in results["ranking"]] == [r.candidate for r in ranking]
    assert [r["elo"] for r in results["ranking"]] == pytest.approx([r.elo for r in ranking])

    as_csv = api.get(f"/api/comparisons/{study_id}/export", params={"format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(as_csv.text)))
    assert [(r["pair_id"], r["rater"], r["winner"]) for r in rows] == [
        (r["pair_id"], r["rater"], r["winner"]) for r in exported
    ]


def test_a_study_refuses_unknown_candidates_and_non_prompt_datasets(api: Any) -> None:
    prompts = _prompts_dataset(api)
    unknown = api.post(
        "/api/comparisons", json={"dataset_id": prompts["id"], "candidates": ["tiny-chat", "ckpt_missing"]}
    )
    assert unknown.status_code == 422 and unknown.json()["field"] == "candidates[1]", unknown.text
    assert "ckpt_missing" in unknown.json()["detail"]
    twice = api.post("/api/comparisons", json={"dataset_id": prompts["id"], "candidates": ["tiny-chat", "tiny-chat"]})
    assert twice.status_code == 422 and twice.json()["field"] == "candidates"
    one = api.post("/api/comparisons", json={"dataset_id": prompts["id"], "candidates": ["tiny-chat"]})
    assert one.status_code == 422
    chat = _upload(api, "chat.jsonl", SAMPLE_CHAT.read_bytes())
    not_prompts = api.post(
        "/api/comparisons", json={"dataset_id": chat["id"], "candidates": ["tiny-chat", "tiny-base"]}
    )
    assert not_prompts.status_code == 422 and not_prompts.json()["field"] == "dataset_id"
    assert "prompts" in not_prompts.json()["detail"]
    assert api.get("/api/comparisons").json()["items"] == []  # nothing was kept
    assert api.get("/api/comparisons/cmp_nope/results").status_code == 404
