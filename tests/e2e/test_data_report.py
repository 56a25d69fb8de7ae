"""A user in a real headless Chromium requests the data report of the sample dataset and reads it."""

from __future__ import annotations

import json
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack
from tests.support import SAMPLE_CHAT

pytestmark = pytest.mark.e2e
SAMPLE_NAME = "sample chats (demo)"


def _datasets(stack: Stack) -> list[dict[str, Any]]:
    with urllib.request.urlopen(stack.request("/api/datasets"), timeout=10) as response:
        return list(json.loads(response.read())["items"])


def test_request_watch_and_read_a_report(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    [sample] = [d for d in _datasets(stack) if d["name"] == SAMPLE_NAME]
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{stack.url}/datasets")
    page.get_by_test_id("dataset-row").filter(has_text=SAMPLE_NAME).get_by_role("link", name=SAMPLE_NAME).click()
    page.get_by_test_id("data-report-button").click()

    page.get_by_test_id("report-model-select").select_option("tiny-chat")
    page.get_by_test_id("report-run-button").click()
    page.wait_for_selector(
        "[data-testid=report][data-status=queued], [data-testid=report][data-status=running], "
        "[data-testid=report][data-status=succeeded]"
    )
    page.wait_for_selector("[data-testid=report][data-status=succeeded]", timeout=180_000)

    lines = SAMPLE_CHAT.read_text().splitlines()
    assert (
        page.get_by_test_id("report-records").inner_text().replace(",", "")
        == str(len(lines))
        == str(sample["record_count"])
    )
    turns = sum(len(json.loads(line)["messages"]) for line in lines)
    assert page.get_by_test_id("report-turns").inner_text().replace(",", "") == str(turns)
    for role in ("total", "user", "assistant"):
        histogram = page.get_by_test_id(f"histogram-{role}")
        assert int(histogram.get_attribute("data-bins")) > 0
        assert histogram.locator("canvas").count() == 1  # uPlot drew it
    rows = page.get_by_test_id("percentile-row")
    assert {rows.nth(i).get_attribute("data-role") for i in range(rows.count())} >= {"total", "user", "assistant"}
    assert page.locator("[data-testid=languages] li[data-language=en]").count() == 1
    assert page.get_by_test_id("findings-table").is_visible()
    page.screenshot(path=str(ARTIFACTS / "e2e-data-report.png"), full_page=True)

    # The sample repeats some conversations: their group links to the records, which open in the record browser.
    assert int(page.get_by_test_id("report-exact").inner_text().replace(",", "")) > 0
    # Report links show 1-based record numbers (#1 is the file's first record) and open the browser at that record.
    second_copy = page.get_by_test_id("duplicate-group").first.get_by_test_id("report-record-link").nth(1)
    target = int(second_copy.inner_text().lstrip("#"))
    assert target >= 2
    second_copy.click()
    page.get_by_test_id("records-from").wait_for()
    assert page.url.endswith(f"?record={target}")
    assert f"From record #{target}" in page.get_by_test_id("records-from").inner_text()
    opened = page.get_by_test_id("dataset-record").first.inner_text()
    assert opened.startswith(f"#{target}")
    assert json.loads(lines[target - 1])["messages"][0]["content"] in opened
