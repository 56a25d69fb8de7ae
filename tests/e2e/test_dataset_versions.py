"""A user in a real headless Chromium cleans a dataset (a real CPU worker writes the new version), reads the
before/after counts, then splits the cleaned version into train and eval; browses and searches a version's records
and starts a run on that version from the New Run form."""

from __future__ import annotations

import json
import re
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
    # Dropped records are numbered from 1, as the record browser numbers them.
    assert pii.get_by_test_id("version-record-link").all_inner_texts() == ["#23"]
    assert exact.get_by_test_id("version-record-link").all_inner_texts() == ["#21", "#22"]
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


def _api(stack: Stack, path: str) -> Any:
    with urllib.request.urlopen(stack.request(path), timeout=10) as response:
        return json.loads(response.read())


def test_browse_a_cleaned_version_and_train_on_it(stack: Stack, new_page: Any) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    lines = [_chat(f"Question {i} about margin calls?", f"Answer {i}: post collateral today.") for i in range(20)]
    lines += [lines[3], _chat("Reach me", "Write to desk@bank.example.org please.")]
    dataset = _upload(stack, "browse-e2e.jsonl", lines)
    page = new_page(viewport={"width": 1400, "height": 1000})
    page.set_default_timeout(60_000)
    page.goto(f"{stack.url}/datasets/{dataset['id']}")
    page.get_by_test_id("clean-button").click()
    page.get_by_test_id("clean-pii").check()
    page.get_by_test_id("clean-submit").click()
    page.get_by_test_id("version-counts-button").click(timeout=180_000)

    # A dropped record's 1-based number opens the parent version's browser at that very record.
    page.locator("[data-filter=pii]").get_by_test_id("version-record-link").click()
    page.get_by_test_id("records-from").wait_for()
    assert "From record #22" in page.get_by_test_id("records-from").inner_text()
    first = page.get_by_test_id("dataset-record").first
    assert first.inner_text().startswith("#22") and "desk@bank.example.org" in first.inner_text()

    # The cleaned version's own records: 20, without the duplicate and the e-mail address; then a search.
    page.goto(f"{stack.url}/datasets/{dataset['id']}")
    [cleaned] = [v for v in _api(stack, f"/api/datasets/{dataset['id']}/versions")["items"] if v["number"] == 2]
    page.locator("[data-testid=version-row][data-version='2']").get_by_test_id("version-browse").click()
    page.get_by_test_id("version-title").wait_for()
    assert page.get_by_test_id("version-title").inner_text().endswith("v2")
    assert page.get_by_test_id("version-page-lineage").inner_text() == "cleaned of v1"
    assert page.get_by_test_id("version-page-sha256").inner_text() == cleaned["sha256"]
    assert page.get_by_test_id("records-count").inner_text() == "(20 of 20 shown)"
    assert "desk@bank" not in page.get_by_test_id("dataset-records").inner_text()
    page.get_by_test_id("records-search-input").fill("question 7 about")
    page.get_by_test_id("records-search-button").click()
    page.wait_for_function(
        "() => document.querySelector('[data-testid=records-count]')?.textContent?.includes('1 match for')"
    )
    [match] = page.get_by_test_id("dataset-record").all_inner_texts()
    assert match.startswith("#8") and "Question 7 about margin calls?" in match
    # Its loss mask: the record is read through the version (the page URL names it), as a run on v2 trains it.
    page.get_by_test_id("dataset-record").get_by_test_id("mask-preview-button").click()
    page.get_by_test_id("mask-summary").wait_for(timeout=120_000)
    assert f"version={cleaned['id']}" in page.url and "/records/7/mask" in page.url
    assert "Question 7 about margin calls?" in page.get_by_test_id("mask-tokens").inner_text().replace("·", " ")
    page.go_back()
    page.get_by_test_id("records-search-input").fill("desk@bank")
    page.get_by_test_id("records-search-button").click()
    page.get_by_text("No record holds “desk@bank”.").wait_for()
    page.screenshot(path=str(ARTIFACTS / "dataset-version-records.png"), full_page=True)

    # "Train on this version" opens the New Run form on it; the picker offers every version, newest by default.
    page.get_by_test_id("version-train-button").click()
    picker = page.get_by_test_id("run-dataset-version-select")
    page.wait_for_function(
        f"() => document.querySelector('[data-testid=run-dataset-version-select]')?.value === '{cleaned['id']}'"
    )
    options = picker.locator("option").all_inner_texts()
    assert options[0].startswith("v2 · cleaned of v1 · 20 records") and options[0].endswith("(newest, default)")
    assert options[1].startswith("v1 · upload · 22 records")
    page.get_by_test_id("run-model-select").select_option("tiny-chat")
    page.get_by_test_id("run-max-steps-input").fill("2")
    page.get_by_test_id("run-save-steps-input").fill("2")
    page.get_by_test_id("start-run-button").click()
    page.wait_for_url(re.compile(r".*/runs/run_[0-9a-z]+$"))
    run = _api(stack, f"/api/runs/{page.url.rsplit('/', 1)[1]}")
    assert run["dataset_version_id"] == cleaned["id"]
    assert run["resolved_spec"]["dataset_sha256"] == cleaned["sha256"]
    assert run["resolved_spec"]["dataset_records"] == 20

    # The run page says which version it trained on, with the content hash, and links to its records.
    shown = page.get_by_test_id("run-dataset-version")
    page.wait_for_function(
        "() => document.querySelector('[data-testid=run-dataset-version]')?.textContent?.startsWith('v2')"
    )
    assert page.get_by_test_id("run-dataset-sha256").inner_text() == cleaned["sha256"][:12]
    shown.click()
    page.get_by_test_id("version-title").wait_for()
    assert page.url.endswith(f"/datasets/{dataset['id']}/versions/{cleaned['id']}")
