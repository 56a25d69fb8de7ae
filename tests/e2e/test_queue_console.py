"""An admin runs the GPU queue from the console in a real headless Chromium: the stack's worker shows in the
inventory, draining it keeps a new run waiting (and the console says why), a priority change sticks, and undraining
lets the run train."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.e2e.conftest import ARTIFACTS, Stack
from tests.support import SAMPLE_CHAT, wait_for

pytestmark = pytest.mark.e2e


def test_the_admin_drains_a_worker_reprioritises_a_run_and_undrains(stack: Stack, new_page: Any) -> None:
    api = httpx.Client(base_url=stack.url, headers=stack.auth, timeout=30)
    page = new_page(viewport={"width": 1500, "height": 1100})
    page.set_default_timeout(30_000)
    page.goto(f"{stack.url}/admin/queue")

    trainer = page.locator("[data-testid=queue-worker][data-worker^='gpu@']")
    trainer.wait_for()
    assert trainer.get_by_test_id("worker-online").inner_text().strip() == "online"
    assert page.locator("[data-testid=queue-worker][data-worker^='cpu@']").count() == 1

    trainer.get_by_test_id("worker-drain-toggle").click()
    trainer.get_by_test_id("worker-drained").wait_for()
    name = trainer.get_attribute("data-worker")
    assert next(w for w in api.get("/api/admin/workers").json() if w["name"] == name)["drained"] is True

    dataset = api.post("/api/datasets", files={"file": ("chats.jsonl", SAMPLE_CHAT.read_bytes())}).json()
    body = {"dataset_id": dataset["id"], "model": "tiny-chat", "hyperparameters": {"max_steps": 6, "save_steps": 6}}
    run_id = api.post("/api/runs", json=body).json()["id"]
    row = page.locator(f"[data-testid=queued-run][data-run='{run_id}']")
    row.get_by_test_id("wait-reason").filter(has_text="drained").wait_for(timeout=60_000)
    assert api.get(f"/api/runs/{run_id}").json()["queue"]["wait_reason"].startswith("drained")

    row.get_by_test_id("priority-input").fill("7")
    row.get_by_test_id("priority-save").click()
    wait_for(lambda: api.get(f"/api/runs/{run_id}").json()["queue"]["priority"] == 7, 30, what="priority 7")
    page.wait_for_function(
        f"() => document.querySelector(\"[data-run='{run_id}'] [data-testid=priority-input]\")?.value === '7'"
    )
    jobs = page.get_by_test_id("queue-gpu-jobs")
    assert "Evaluations and exports (0)" in jobs.inner_text() and jobs.get_by_test_id("gpu-job").count() == 0
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "e2e-queue-console.png"), full_page=True)

    trainer.get_by_test_id("worker-drain-toggle").click()
    page.locator(f"[data-testid=queue-worker][data-worker='{name}'] [data-testid=worker-drained]").wait_for(
        state="detached"
    )
    done = wait_for(
        lambda: (run := api.get(f"/api/runs/{run_id}").json())["status"] in {"succeeded", "failed"} and run,
        240,
        what="the run to train once the worker is undrained",
    )
    assert done["status"] == "succeeded" and done["queue"]["priority"] == 7
    page.locator(f"[data-testid=queued-run][data-run='{run_id}']").wait_for(state="detached")
