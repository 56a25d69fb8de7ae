"""A worker killed with SIGKILL while candidates answer a study: its lease expires, the reaper queues the study
again, a second worker generates every answer and the study succeeds with attempts == 2; the killed worker's
partial answers are never recorded."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.integration.test_comparison import _trained_checkpoints, _upload
from tests.integration.test_comparison import inference_server as inference_server  # the module's real server
from tests.support import killed_midway_and_rescued

pytestmark = [
    pytest.mark.integration,
    pytest.mark.filterwarnings("ignore:.*is_gradient_checkpointing.*:FutureWarning"),
    pytest.mark.usefixtures("inference_server"),
]

# Enough answers that the first worker is surely still generating when it is killed.
PROMPTS = [{"prompt": f"Question {i}: which number comes after {i}?"} for i in range(120)]
SAMPLING = {"temperature": 0, "max_tokens": 24, "seed": 0}


def test_a_study_whose_worker_was_killed_is_finished_by_another_worker(api: Any, tmp_path: Path) -> None:
    checkpoint = _trained_checkpoints(api, tmp_path)[-1]
    prompts = _upload(api, "many-prompts.jsonl", "".join(json.dumps(p) + "\n" for p in PROMPTS).encode())
    candidates = ["tiny-chat", checkpoint["id"]]
    created = api.post(
        "/api/comparisons", json={"dataset_id": prompts["id"], "candidates": candidates, "sampling": SAMPLING}
    )
    assert created.status_code == 201, created.text
    study_id = created.json()["id"]

    def study() -> dict[str, Any]:
        return dict(api.get(f"/api/comparisons/{study_id}").json())

    def first_attempt(moving: dict[str, Any]) -> None:
        assert moving["attempts"] == 1

    done, doomed, rescuer = killed_midway_and_rescued(
        study, ("doomed-generator", "rescuing-generator"), tmp_path, what="generating", after_kill=first_attempt
    )
    assert done["status"] == "succeeded", done["error"]
    assert done["attempts"] == 2 and done["progress"] == 1.0
    assert done["pair_count"] == len(PROMPTS)
    assert f"comparison {study_id}: attempt 1 generating" in doomed.log()
    assert f"comparison {study_id}: attempt 2 generating" in rescuer.log()

    # Every recorded answer is the rescuer's: one per prompt per candidate, equal to a direct greedy chat.
    for _ in range(2):
        page = api.get(f"/api/comparisons/{study_id}/next", params={"rater": "carol"}).json()
        body = {"pair_id": page["pair"]["pair_id"], "rater": "carol", "choice": "tie"}
        assert api.post(f"/api/comparisons/{study_id}/ratings", json=body).status_code == 201
    rows = api.get(f"/api/comparisons/{study_id}/export", params={"format": "json"}).json()
    assert len(rows) == 2
    for row in rows:
        messages = [{"role": "user", "content": row["prompt"]}]
        direct = api.post("/v1/chat/completions", json={"model": "tiny-chat", "messages": messages, **SAMPLING})
        tiny_answer = row["first_answer"] if row["first_candidate"] == "tiny-chat" else row["second_answer"]
        assert tiny_answer == direct.json()["choices"][0]["message"]["content"]
