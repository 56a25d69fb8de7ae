"""A user in a real headless Chromium: upload preference pairs, start a DPO run with its own beta, watch the rewards."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack

pytestmark = pytest.mark.e2e


def _api(stack: Stack, path: str) -> Any:
    with urllib.request.urlopen(stack.request(path), timeout=10) as response:
        return json.loads(response.read())


def test_upload_pairs_start_dpo_and_watch_the_rewards(stack: Stack, new_page: Any, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    pairs = tmp_path / "pairs.jsonl"
    records = [
        {"prompt": f"What is {i} plus {i}?", "chosen": f"It is {2 * i}.", "rejected": f"I think {2 * i + 1}."}
        for i in range(16)
    ]
    pairs.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")

    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(30_000)
    page.goto(stack.url)
    page.get_by_test_id("nav-datasets").click()
    page.get_by_test_id("dataset-file-input").set_input_files(str(pairs))
    page.get_by_test_id("dataset-name-input").fill("sum pairs")
    page.get_by_test_id("upload-button").click()
    page.get_by_test_id("dataset-row").filter(has_text="sum pairs").wait_for()
    [dataset] = [d for d in _api(stack, "/api/datasets")["items"] if d["name"] == "sum pairs"]
    assert dataset["format"] == "preference"

    page.get_by_test_id("nav-runs").click()
    page.get_by_test_id("new-run-button").click()
    stage = page.get_by_test_id("run-stage-select")
    # The form's page loads on first visit and offers stages once the datasets are listed.
    stage.locator("option[value=dpo]").wait_for(state="attached")
    offered = stage.locator("option").evaluate_all("options => options.map(o => o.value)")
    assert {"dpo", "orpo", "simpo"} <= set(offered) and "kto" not in offered  # no KTO data uploaded
    assert page.get_by_test_id("run-beta-input").count() == 0  # SFT has no beta
    stage.select_option("dpo")
    page.get_by_test_id("run-dataset-select").select_option(dataset["id"])
    page.get_by_test_id("run-model-select").select_option("tiny-chat")
    assert page.get_by_test_id("run-loss-on-select").count() == 0
    page.get_by_test_id("run-beta-input").fill("0.2")
    page.get_by_test_id("run-max-steps-input").fill("12")
    page.get_by_test_id("run-save-steps-input").fill("6")
    page.get_by_test_id("run-batch-size-input").fill("4")
    page.get_by_test_id("start-run-button").click()
    page.wait_for_url(re.compile(r".*/runs/run_[0-9a-z]+$"))
    run_id = page.url.rsplit("/", 1)[1]

    assert "beta = 0.2: as asked." in page.get_by_test_id("run-decisions").inner_text()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=run-status]')?.textContent?.includes('succeeded')", timeout=180_000
    )
    page.wait_for_function(
        "() => document.querySelector('[data-testid=reward-accuracy-chart]')?.getAttribute('data-points') === '12'"
    )
    assert page.get_by_test_id("reward-margin-chart").get_attribute("data-points") == "12"
    assert "latest" in page.get_by_test_id("reward-margin-summary").inner_text()
    page.screenshot(path=str(ARTIFACTS / "e2e-dpo-run.png"), full_page=True)

    run = _api(stack, f"/api/runs/{run_id}")
    assert run["status"] == "succeeded" and run["resolved_spec"]["stage"] == "dpo"
    assert run["resolved_spec"]["hyperparameters"]["beta"] == 0.2
