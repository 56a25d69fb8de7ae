"""A user in a real headless Chromium cleans a dataset (a real CPU worker writes the new version), reads the
before/after counts, then splits the cleaned version into train and eval."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack

pytestmark = pytest.mark.e2e


def _chat(question: str, answer: str) -> str:
    return json.dumps({"messages": [{"role": "user", "content": question}, {"role": "assistant", "content": answer}]})


def _upload(stack: Stack, name: str, lines: list[str]) -> dict[str, Any]:
    boundary = "tunewright-e2e-boundary"
    body = (
        f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="{name}"\r\n'
        "Content-Type: application/octet-stream\r\n\r\n" + "\n".join(lines) + f"\r\n--{boundary}--\r\n"
    ).encode()
    request = stack.request("/api/datasets", body, {"Content-Type": f"multipart/form-data; boundary={boundary}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return dict(json.loads(response.read()))


def test_clean_then_split_in_the_browser(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [_chat(f"Question {i} about settlement?", f"Answer {i}: two business days.") for i in range(20)]
    lines += [lines[0], lines[1], _chat("Reach me", "Write to ops@bank.example.org please.")]
    dataset = _upload(stack, "versions-e2e.jsonl", lines)
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{stack.url}/datasets/{dataset['id']}")

    versions = page.get_by_test_id("dataset-versions")
    versions.get_by_test_id("clean-button").click()
    dialog = page.get_by_test_id("cleaning-dialog")
    dialog.get_by_test_id("clean-pii").check()
    dialog.get_by_test_id("clean-submit").click()
    page.get_by_test_id("version-counts-button").click(timeout=180_000)  # shown once the worker has finished
    rows = page.get_by_test_id("cleaning-filter")
    assert rows.count() == 2
    pii, exact = page.locator("[data-filter=pii]"), page.locator("[data-filter=exact_duplicate]")
    assert "#22" in pii.inner_text() and "#20 #21" in exact.inner_text()
    newest = page.locator("[data-testid=version-row][data-version='2']")
    assert newest.get_by_test_id("version-records").inner_text() == "23 → 20"
    assert "cleaned of v1" in newest.get_by_test_id("version-lineage").inner_text()

    versions.get_by_test_id("split-button").click()
    page.get_by_test_id("split-fraction").fill("0.25")
    page.get_by_test_id("split-submit").click()
    page.locator("[data-testid=version-row][data-version='4']").wait_for()
    lineage = page.get_by_test_id("version-lineage").all_inner_texts()
    assert lineage[:2] == ["split of v2 (eval, seed 42)", "split of v2 (train, seed 42)"]
    records = page.get_by_test_id("version-records").all_inner_texts()
    assert records[:2] == ["20 → 5", "20 → 15"]
    page.screenshot(path=str(ARTIFACTS / "dataset-versions.png"), full_page=True)
