"""A user in a real headless Chromium trains a run, exports a checkpoint as an adapter and merged, downloads both."""

from __future__ import annotations

import json
import re
import tarfile
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack

pytestmark = pytest.mark.e2e
SAMPLE_DATASET_NAME = "sample chats (demo)"


def _api(stack: Stack, path: str) -> Any:
    with urllib.request.urlopen(stack.request(path), timeout=10) as response:
        return json.loads(response.read())


def _export(panel: Any, kind: str) -> None:
    panel.get_by_test_id("export-kind").select_option(kind)
    panel.get_by_test_id("export-dtype").select_option("bf16")
    panel.get_by_test_id("export-submit").click()
    panel.locator(f"[data-testid=export-row][data-kind={kind}]").wait_for()


def _download(page: Any, row: Any, into: Path) -> tuple[str, list[str]]:
    with page.expect_download() as info:
        row.get_by_test_id("export-download").click()
    download = info.value
    archive = into / download.suggested_filename
    download.save_as(archive)
    with tarfile.open(archive) as tar:
        names = tar.getnames()
        tar.extractall(into, filter="data")
    return download.suggested_filename, names


def test_train_then_export_adapter_and_merged_and_download(stack: Stack, new_page: Any, tmp_path: Path) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    [dataset] = [d for d in _api(stack, "/api/datasets")["items"] if d["name"] == SAMPLE_DATASET_NAME]
    page = new_page(viewport={"width": 1400, "height": 1000}, accept_downloads=True)
    page.set_default_timeout(30_000)
    page.goto(stack.url)

    page.get_by_test_id("nav-runs").click()
    page.get_by_test_id("new-run-button").click()
    page.get_by_test_id("run-dataset-select").select_option(dataset["id"])
    page.get_by_test_id("run-model-select").select_option("tiny-chat")
    page.get_by_test_id("run-max-steps-input").fill("10")
    page.get_by_test_id("run-save-steps-input").fill("10")
    page.get_by_test_id("start-run-button").click()
    page.wait_for_url(re.compile(r".*/runs/run_[0-9a-z]+$"))
    run_id = page.url.rsplit("/", 1)[1]
    page.wait_for_function(
        "() => document.querySelector('[data-testid=run-status]')?.textContent?.includes('succeeded')", timeout=180_000
    )

    page.get_by_test_id("checkpoint-export-toggle").first.click()
    panel = page.get_by_test_id("checkpoint-exports")
    _export(panel, "adapter")
    _export(panel, "merged")
    for kind in ("adapter", "merged"):
        panel.locator(f"[data-testid=export-row][data-kind={kind}][data-status=succeeded]").wait_for(timeout=180_000)
    merged_row = panel.locator("[data-testid=export-row][data-kind=merged]")
    parity = merged_row.get_by_test_id("export-parity").inner_text()
    assert parity.startswith("parity passed · max |Δlogit|") and "(bf16)" in parity
    page.screenshot(path=str(ARTIFACTS / "e2e-export.png"), full_page=True)

    filename, names = _download(page, merged_row, tmp_path / "merged")
    assert re.fullmatch(r"exp_[0-9a-z]+-merged-bf16\.tar", filename)
    folder = tmp_path / "merged" / filename.removesuffix(".tar")
    assert {"model.safetensors", "config.json", "tokenizer_config.json", "reproducibility.json"} <= {
        Path(n).name for n in names
    }
    record = json.loads((folder / "reproducibility.json").read_text())
    assert record["run_id"] == run_id and record["checkpoint_step"] == 10
    assert record["dataset"]["sha256"] == dataset["sha256"] and record["parity"]["passed"] is True
    assert "<|im_start|>" in json.loads((folder / "tokenizer_config.json").read_text())["chat_template"]

    adapter_row = panel.locator("[data-testid=export-row][data-kind=adapter]")
    filename, names = _download(page, adapter_row, tmp_path / "adapter")
    assert filename.endswith("-adapter-bf16.tar")
    assert {"adapter_model.safetensors", "adapter_config.json", "reproducibility.json"} <= {Path(n).name for n in names}
