"""A user in a real headless Chromium: upload a dataset, start a LoRA run, watch it live, cancel another, Ctrl-C."""

from __future__ import annotations

import json
import re
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack, processes_with_env
from tests.support import SAMPLE_CHAT, wait_for

pytestmark = pytest.mark.e2e


def _api(stack: Stack, path: str) -> Any:
    with urllib.request.urlopen(stack.request(path), timeout=10) as response:
        return json.loads(response.read())


def _start_run(page: Any, dataset_id: str, max_steps: int, save_steps: int) -> str:
    page.get_by_test_id("nav-runs").click()
    page.get_by_test_id("new-run-button").click()
    page.get_by_test_id("run-dataset-select").select_option(dataset_id)
    page.get_by_test_id("run-model-select").select_option("tiny-chat")
    page.get_by_test_id("run-max-steps-input").fill(str(max_steps))
    page.get_by_test_id("run-save-steps-input").fill(str(save_steps))
    page.get_by_test_id("start-run-button").click()
    page.wait_for_url(re.compile(r".*/runs/run_[0-9a-z]+$"))
    return str(page.url.rsplit("/", 1)[1])


def test_upload_train_watch_cancel_and_stop(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(30_000)
    page.goto(stack.url)

    # Upload with a progress bar, then see a few records.
    page.get_by_test_id("nav-datasets").click()
    page.get_by_test_id("dataset-file-input").set_input_files(str(SAMPLE_CHAT))
    page.get_by_test_id("dataset-name-input").fill("demo chats")
    page.get_by_test_id("upload-button").click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=upload-progress]')?.getAttribute('aria-valuenow') === '100'"
    )
    row = page.get_by_test_id("dataset-row").filter(has_text="demo chats")
    row.wait_for()
    [dataset] = [d for d in _api(stack, "/api/datasets")["items"] if d["name"] == "demo chats"]
    row.get_by_role("link", name="demo chats").click()
    page.get_by_test_id("dataset-records").wait_for()
    assert page.get_by_test_id("dataset-record").count() >= 3
    assert "assistant" in page.get_by_test_id("dataset-records").inner_text().lower()

    # The loss-mask preview of the first record: rendered by the CPU worker with tiny-chat's own template.
    page.get_by_test_id("mask-preview-button").first.click()
    page.get_by_test_id("mask-summary").wait_for()
    trained = page.locator("[data-testid=mask-token][data-trained=true]").count()
    untrained = page.locator("[data-testid=mask-token][data-trained=false]").count()
    assert trained > 0 and untrained > 0
    assert f"{trained} of {trained + untrained} tokens trained" in page.get_by_test_id("mask-summary").inner_text()
    page.screenshot(path=str(ARTIFACTS / "e2e-mask-preview.png"), full_page=True)

    # Start a LoRA SFT run on tiny-chat and watch the loss chart, the event log and the checkpoints live.
    run_id = _start_run(page, dataset["id"], max_steps=40, save_steps=10)
    page.get_by_test_id("run-decisions").wait_for()
    page.wait_for_function(
        "() => Number(document.querySelector('[data-testid=loss-chart]')?.getAttribute('data-points') ?? 0) >= 5"
    )
    page.get_by_test_id("event-log-line").first.wait_for()
    page.get_by_test_id("checkpoint-row").first.wait_for(timeout=120_000)
    page.wait_for_function(
        "() => document.querySelector('[data-testid=run-status]')?.textContent?.includes('succeeded')", timeout=180_000
    )
    page.screenshot(path=str(ARTIFACTS / "e2e-run-detail.png"), full_page=True)
    assert page.get_by_test_id("checkpoint-row").count() == 4
    points = int(page.get_by_test_id("loss-chart").get_attribute("data-points") or 0)
    assert points == 40
    run = _api(stack, f"/api/runs/{run_id}")
    assert run["status"] == "succeeded" and run["method"] == "lora" and run["model"] == "tiny-chat"

    # A second, long run: cancel it from the UI and see it stop within a step.
    second = _start_run(page, dataset["id"], max_steps=5000, save_steps=5000)
    wait_for(lambda: _api(stack, f"/api/runs/{second}")["progress"]["step"] >= 2, 120, what="the second run to train")
    page.get_by_test_id("cancel-run-button").click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=run-status]')?.textContent?.includes('cancelled')", timeout=60_000
    )
    assert _api(stack, f"/api/runs/{second}")["status"] == "cancelled"
    events = _api(stack, f"/api/runs/{second}/events?limit=1000")["items"]
    [requested] = [e["id"] for e in events if e["kind"] == "log" and "cancel requested" in e["data"]["message"]]
    assert len([e for e in events if e["kind"] == "metric" and e["id"] > requested]) <= 1, "stopped within one step"
    page.screenshot(path=str(ARTIFACTS / "e2e-cancelled.png"), full_page=True)

    page.get_by_test_id("nav-checkpoints").click()
    page.get_by_test_id("checkpoint-row").first.wait_for()
    assert page.get_by_test_id("checkpoint-row").count() >= 4

    # Ctrl-C stops every process the stack started.
    marker = f"TUNEWRIGHT_DATA_DIR={stack.data_dir}"
    assert len(processes_with_env(marker)) >= 3  # launcher, worker, api (and the embedded Redis)
    assert stack.interrupt() == 0, stack.log()[-3000:]
    wait_for(lambda: not processes_with_env(marker), 30, what="every child process to exit")
