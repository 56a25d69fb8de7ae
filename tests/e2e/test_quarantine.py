"""A user in a real headless Chromium uploads a file with two bad records, reads why it was refused, accepts it
with the bad records quarantined, and finds them listed on the dataset's page."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack

pytestmark = pytest.mark.e2e
BAD_ROLE = '{"messages": [{"role": "robot", "content": "beep"}, {"role": "assistant", "content": "a"}]}'
BROKEN = '{"messages": [oops'


def _chat(i: int) -> str:
    return json.dumps({"messages": [{"role": "user", "content": f"q{i}"}, {"role": "assistant", "content": f"a{i}"}]})


def _dataset(stack: Stack, dataset_id: str, path: str = "") -> dict[str, Any]:
    with urllib.request.urlopen(stack.request(f"/api/datasets/{dataset_id}{path}"), timeout=10) as response:
        return dict(json.loads(response.read()))


def test_accept_a_file_with_its_bad_records_quarantined(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [_chat(1), BAD_ROLE, _chat(3), _chat(4), BROKEN, _chat(6)]
    content = ("\n".join(lines) + "\n").encode()
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{stack.url}/datasets")
    page.get_by_test_id("dataset-file-input").set_input_files(
        {"name": "support.jsonl", "mimeType": "application/jsonl", "buffer": content}
    )
    page.get_by_test_id("dataset-name-input").fill("support chats")
    page.get_by_test_id("upload-button").click()

    error = page.get_by_test_id("upload-error")
    error.wait_for()
    assert "support.jsonl line 2, field messages[0].role" in error.inner_text()
    problems = error.locator("tbody tr")
    assert problems.count() == 2
    assert [problems.nth(i).locator("td").nth(1).inner_text() for i in range(2)] == ["2", "5"]
    accept = page.get_by_test_id("quarantine-button")
    assert accept.inner_text() == "Accept the 4 valid records and quarantine 2"
    page.screenshot(path=str(ARTIFACTS / "e2e-quarantine-offer.png"), full_page=True)
    accept.click()

    success = page.get_by_test_id("upload-success")
    success.wait_for()
    assert "4 records" in success.inner_text() and "2 bad records quarantined" in success.inner_text()
    success.get_by_role("link", name="support chats").click()

    assert page.get_by_test_id("dataset-quarantined").inner_text() == "2"
    rows = page.get_by_test_id("quarantine-row")
    rows.first.wait_for()
    assert rows.count() == 2
    role, broken = rows.nth(0).inner_text(), rows.nth(1).inner_text()
    assert "support.jsonl" in role and "messages[0].role" in role and '"robot"' in role
    assert "not valid JSON" in broken and BROKEN in broken
    assert page.get_by_test_id("quarantine-number").all_inner_texts() == ["#1", "#2"]
    page.screenshot(path=str(ARTIFACTS / "e2e-quarantine-dataset.png"), full_page=True)

    # What the page shows is what the server stored: 4 records in the dataset, the 2 bad ones beside it.
    dataset_id = page.url.rstrip("/").split("/")[-1]
    dataset = _dataset(stack, dataset_id)
    assert (dataset["record_count"], dataset["quarantined_count"]) == (4, 2)
    assert [i["raw"] for i in _dataset(stack, dataset_id, "/quarantine")["items"]] == [BAD_ROLE, BROKEN]
    page.close()
