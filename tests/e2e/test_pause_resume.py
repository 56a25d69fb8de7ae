"""A user pauses a training run from its page in a real headless Chromium, sees it stop at a checkpoint, resumes
it, and it finishes from there: every step trained once."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ARTIFACTS, Stack
from tests.support import SAMPLE_CHAT, wait_for

pytestmark = pytest.mark.e2e


def _badge(page: Any, status: str, timeout: int = 120_000) -> None:
    page.wait_for_function(
        f"() => document.querySelector('[data-testid=run-status]')?.textContent?.trim() === '{status}'",
        timeout=timeout,
    )


def test_pause_and_resume_from_the_run_page(stack: Stack, new_page: Any) -> None:
    api = httpx.Client(base_url=stack.url, headers=stack.auth, timeout=30)
    dataset = api.post("/api/datasets", files={"file": ("chats.jsonl", SAMPLE_CHAT.read_bytes())}).json()
    body = {"dataset_id": dataset["id"], "model": "tiny-chat", "hyperparameters": {"max_steps": 60, "save_steps": 1000}}
    run_id = api.post("/api/runs", json=body).json()["id"]

    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(30_000)
    page.goto(f"{stack.url}/runs/{run_id}")
    wait_for(lambda: api.get(f"/api/runs/{run_id}").json()["progress"]["step"] >= 2, 120, what="training to start")

    page.get_by_test_id("pause-run-button").click()
    _badge(page, "paused")
    paused = api.get(f"/api/runs/{run_id}").json()
    step = paused["progress"]["step"]
    assert paused["status"] == "paused" and 2 <= step < 60
    checkpoints = api.get("/api/checkpoints", params={"run_id": run_id}).json()["items"]
    assert [c["step"] for c in checkpoints] == [step], "the pause wrote the checkpoint it resumes from"
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "e2e-paused.png"), full_page=True)

    page.get_by_test_id("resume-run-button").click()
    _badge(page, "succeeded", timeout=240_000)
    events = api.get(f"/api/runs/{run_id}/events", params={"limit": 1000}).json()["items"]
    steps = [e["step"] for e in events if e["kind"] == "metric"]
    assert steps == list(range(1, 61)), "resumed where it paused: no step twice, none skipped"
    statuses = [e["data"]["status"] for e in events if e["kind"] == "status"]
    assert statuses[-4:] == ["paused", "queued", "running", "succeeded"]
