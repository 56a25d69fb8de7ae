"""A user in a real headless Chromium drops two files at once: each uploads as its own dataset with its own
progress bar and outcome (detected format and confidence, or its error table); then searches one's records."""

from __future__ import annotations

import base64
import json
import urllib.request
from typing import Any

import pytest

from tests.e2e.conftest import ARTIFACTS, Stack

pytestmark = pytest.mark.e2e

ALPACA = [
    {"instruction": "What is a bolt?", "input": "", "output": "A threaded fastener."},
    {"instruction": "What is a rivet?", "input": "", "output": "A permanent fastener."},
    {"instruction": "What is a weld?", "input": "", "output": "A fused joint."},
]
CHATS = [
    '{"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}',
    '{"messages": [{"role": "robot", "content": "beep"}, {"role": "assistant", "content": "a"}]}',
]

# Drops files on the drop zone the way a browser does for a drag from the desktop: a `drop` event whose
# DataTransfer holds the files.
DROP = """([zone, files]) => {
  const transfer = new DataTransfer();
  for (const f of files) {
    const bytes = Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0));
    transfer.items.add(new File([bytes], f.name, { type: f.type }));
  }
  for (const type of ["dragenter", "dragover", "drop"]) {
    zone.dispatchEvent(new DragEvent(type, { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }
}"""


def _file(name: str, content: bytes, mime: str) -> dict[str, str]:
    return {"name": name, "type": mime, "b64": base64.b64encode(content).decode()}


def _datasets(stack: Stack) -> list[dict[str, Any]]:
    with urllib.request.urlopen(stack.request("/api/datasets"), timeout=10) as response:
        return list(json.loads(response.read())["items"])


def test_drop_two_files_at_once_then_search_one(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    qa = json.dumps(ALPACA).encode()
    chats = ("\n".join(CHATS) + "\n").encode()
    page = new_page(viewport={"width": 1400, "height": 1100})
    page.set_default_timeout(60_000)
    page.goto(f"{stack.url}/datasets")
    zone = page.get_by_test_id("dataset-dropzone").element_handle()
    page.evaluate(
        DROP, [zone, [_file("qa.json", qa, "application/json"), _file("chats.jsonl", chats, "application/jsonl")]]
    )
    assert page.get_by_test_id("dataset-chosen-files").locator("li").count() == 2
    page.get_by_test_id("upload-button").click()

    good = page.locator('[data-testid="upload-row"][data-file="qa.json"]')
    bad = page.locator('[data-testid="upload-row"][data-file="chats.jsonl"]')
    good.get_by_test_id("upload-success").wait_for()
    bad.get_by_test_id("upload-error").wait_for()
    assert good.get_by_test_id("upload-progress").get_attribute("aria-valuenow") == "100"
    assert "3 records" in good.get_by_test_id("upload-success").inner_text()
    assert good.get_by_test_id("dataset-source-format").inner_text() == "alpaca · 100 %"
    assert good.get_by_test_id("upload-error").count() == 0
    problems = bad.get_by_test_id("upload-error").locator("tbody tr")
    assert problems.count() == 1 and "messages[0].role" in problems.first.inner_text()
    assert bad.get_by_test_id("upload-success").count() == 0
    page.screenshot(path=str(ARTIFACTS / "e2e-multi-upload.png"), full_page=True)

    # The server holds exactly what the page says: one dataset, the refused file left nothing behind.
    stored = [d for d in _datasets(stack) if d["filename"] in ("qa.json", "chats.jsonl")]  # the stack has a sample
    assert [(d["filename"], d["record_count"], d["source_format"]) for d in stored] == [("qa.json", 3, "alpaca")]

    good.get_by_role("link", name="qa").click()
    page.get_by_test_id("records-search-input").fill("RIVET")
    page.get_by_test_id("records-search-button").click()
    page.get_by_text("1 match for “RIVET” in 3 records").wait_for()
    records = page.get_by_test_id("dataset-record")
    assert records.count() == 1
    assert "#2" in records.first.inner_text() and "What is a rivet?" in records.first.inner_text()
    page.screenshot(path=str(ARTIFACTS / "e2e-record-search.png"), full_page=True)
