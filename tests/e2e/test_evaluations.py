"""In a real Chromium: a run evaluates its checkpoints, the comparison page shows them with the recommended one, and a
model is evaluated on demand from the form."""

from __future__ import annotations

import json
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack
from tests.support import SAMPLE_CHAT, wait_for

pytestmark = pytest.mark.e2e
MC_SET = Path(__file__).resolve().parents[1] / "fixtures" / "evals" / "mixed_subjects.jsonl"


def _request(stack: Stack, path: str, body: dict[str, Any] | None = None) -> Any:
    data = None if body is None else json.dumps(body).encode()
    request = stack.request(path, data=data, headers={"content-type": "application/json"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read())


def _upload(stack: Stack, path: Path) -> dict[str, Any]:
    boundary = "tunewright-e2e"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{path.name}"\r\n\r\n'.encode()
        + path.read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = stack.request(
        "/api/datasets", data=body, headers={"content-type": f"multipart/form-data; boundary={boundary}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return dict(json.loads(response.read()))


def test_the_comparison_page_shows_every_checkpoint_and_the_recommended_one(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    chats, mc = _upload(stack, SAMPLE_CHAT), _upload(stack, MC_SET)
    plan = {"dataset_ids": [chats["id"], mc["id"]], "best_metric": "eval_loss"}
    run = _request(
        stack,
        "/api/runs",
        {
            "dataset_id": chats["id"],
            "model": "tiny-chat",
            "hyperparameters": {"max_steps": 20, "save_steps": 10},
            "evaluation": plan,
        },
    )

    def evaluated() -> list[dict[str, Any]] | None:
        rows = _request(stack, f"/api/evaluations?run_id={run['id']}")["items"]
        return rows if len(rows) == 2 and all(r["status"] == "succeeded" for r in rows) else None

    evaluations = wait_for(evaluated, 300, interval=1, what="both checkpoints to be evaluated")
    recommended = _request(stack, f"/api/runs/{run['id']}")["recommended_checkpoint_id"]
    assert recommended == min(evaluations, key=lambda e: e["metrics"]["eval_loss"])["checkpoint_id"]

    page = new_page()
    page.set_default_timeout(30_000)
    page.goto(stack.url)
    page.get_by_test_id("nav-evaluations").click()
    rows = page.get_by_test_id("evaluation-row")
    # Runs (the recommendation) and checkpoints (the steps) load beside the evaluations: wait for all three.
    page.get_by_test_id("recommended-badge").wait_for()
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-testid=evaluation-row]')]"
        ".filter(r => r.innerText.includes('step ')).length === 2"
    )
    assert rows.count() == 2
    texts = [rows.nth(i).inner_text() for i in range(2)]
    assert all(run["id"] in text and "succeeded" in text for text in texts)
    assert sorted("step 10" in t for t in texts) == [False, True]
    badge_row = page.get_by_test_id("evaluation-row").filter(has=page.get_by_test_id("recommended-badge"))
    assert badge_row.count() == 1
    best = next(e for e in evaluations if e["checkpoint_id"] == recommended)
    cell = badge_row.locator("[data-metric=eval_loss]").inner_text()
    assert cell == f"{best['metrics']['eval_loss']:.4f}"
    accuracy = badge_row.locator("[data-metric=mc_accuracy]").inner_text()
    assert accuracy == f"{best['metrics']['mc_accuracy'] * 100:.1f}%"
    badge_row.get_by_test_id("evaluation-sets").locator("summary").click()
    subjects = badge_row.get_by_test_id("evaluation-subject").all_inner_texts()
    per_subject = next(r for r in best["results"] if r["dataset_id"] == mc["id"])["metrics"]["subjects"]
    assert sorted(subjects) == sorted(
        f"{name}: {values['mc_accuracy'] * 100:.1f}% of {values['questions']}" for name, values in per_subject.items()
    )
    page.screenshot(path=str(ARTIFACTS / "e2e-evaluations.png"), full_page=True)

    # On demand: evaluate the untouched model on the multiple-choice set from the form.
    page.get_by_test_id("evaluate-target").select_option("model:tiny-chat")
    page.get_by_test_id("evaluate-sets-checks").get_by_label(mc["name"], exact=False).check()
    page.get_by_test_id("evaluate-button").click()
    # An arrow function: the page's Content-Security-Policy forbids evaluating a bare expression string.
    page.wait_for_function("() => document.querySelectorAll('[data-testid=evaluation-row]').length === 3")
    page.locator("[data-testid=evaluation-row][data-status=succeeded]", has_text="tiny-chat").wait_for(timeout=120_000)

    # The run page lists the same evaluations with the badge on the recommended checkpoint.
    page.goto(f"{stack.url}/runs/{run['id']}")
    section = page.get_by_test_id("run-evaluations")
    section.get_by_test_id("recommended-badge").wait_for()
    assert "lowest eval_loss" in section.inner_text()
    assert section.get_by_test_id("evaluation-row").count() == 2
    page.screenshot(path=str(ARTIFACTS / "e2e-run-evaluations.png"), full_page=True)
    page.close()
