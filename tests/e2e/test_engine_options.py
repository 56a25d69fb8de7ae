"""In Chromium: the Speed and scale settings of a run (a refusal next to its field, the decisions they lead to) and
the run page's link to the run in MLflow, on a stack whose worker logs runs to an MLflow store."""

from __future__ import annotations

import json
import re
import urllib.request
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack
from tests.support import SAMPLE_CHAT

pytestmark = [pytest.mark.e2e, pytest.mark.filterwarnings("ignore::DeprecationWarning")]
MLFLOW_UI = "http://mlflow.example.test"


@pytest.fixture(scope="module")
def stack_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    from mlflow import MlflowClient

    folder = tmp_path_factory.mktemp("mlflow")
    uri = f"sqlite:///{folder / 'mlflow.db'}"
    # Created ahead so the artifacts land in the temporary folder, not the stack's working directory.
    MlflowClient(uri).create_experiment("e2e-runs", artifact_location=str(folder / "artifacts"))
    return {
        "TUNEWRIGHT_MLFLOW_TRACKING_URI": uri,
        "TUNEWRIGHT_MLFLOW_EXPERIMENT": "e2e-runs",
        "TUNEWRIGHT_MLFLOW_UI_URL": MLFLOW_UI,
    }


def _upload(stack: Stack) -> dict[str, Any]:
    boundary = "tunewright-e2e"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="chats.jsonl"\r\n\r\n'.encode()
        + Path(SAMPLE_CHAT).read_bytes()
        + f"\r\n--{boundary}--\r\n".encode()
    )
    request = stack.request(
        "/api/datasets", data=body, headers={"Content-Type": f"multipart/form-data; boundary={boundary}"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return dict(json.loads(response.read()))


def test_speed_and_scale_settings_and_the_mlflow_link(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    dataset = _upload(stack)
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(30_000)
    page.goto(stack.url)
    page.get_by_test_id("nav-runs").click()
    page.get_by_test_id("new-run-button").click()
    page.get_by_test_id("run-dataset-select").select_option(dataset["id"])
    page.get_by_test_id("run-model-select").select_option("tiny-chat")
    page.get_by_test_id("run-max-steps-input").fill("4")
    page.get_by_test_id("run-save-steps-input").fill("2")
    page.get_by_test_id("run-batch-size-input").fill("4")
    page.get_by_test_id("run-advanced-toggle").click()

    # Liger kernels asked for on a stack without the package: refused next to the field, saying what to install.
    page.get_by_test_id("run-liger-kernels-select").select_option("on")
    page.get_by_test_id("start-run-button").click()
    field = page.locator(".field", has=page.get_by_test_id("run-liger-kernels-select"))
    field.get_by_role("alert").wait_for()
    assert "pip install 'tunewright[liger]'" in field.get_by_role("alert").inner_text()
    assert re.search(r"/runs/new", page.url)

    page.get_by_test_id("run-liger-kernels-select").select_option("auto")
    page.get_by_test_id("run-effective-batch-size-input").fill("8")
    page.get_by_test_id("start-run-button").click()
    page.wait_for_url(re.compile(r".*/runs/run_[0-9a-z]+$"))
    decisions = page.get_by_test_id("run-decisions")
    decisions.wait_for()
    text = decisions.inner_text()
    assert "gradient_accumulation_steps = 2: an effective batch of 8 examples per step" in text
    assert "torch_compile = off: on the CPU" in text and "liger_kernels = off: its kernels need a CUDA GPU" in text

    # The worker logs the run to MLflow; the page links to it in the MLflow UI as browsers reach it.
    link = page.get_by_test_id("run-tracker-mlflow").get_by_role("link", name="MLflow ↗")
    link.wait_for(timeout=120_000)
    href = link.get_attribute("href") or ""
    assert re.fullmatch(rf"{re.escape(MLFLOW_UI)}/#/experiments/\d+/runs/[0-9a-f]+", href), href
    assert link.get_attribute("target") == "_blank"
    page.wait_for_function(
        "() => document.querySelector('[data-testid=run-status]')?.textContent?.includes('succeeded')", timeout=180_000
    )
    page.screenshot(path=str(ARTIFACTS / "e2e-engine-options.png"), full_page=True)
