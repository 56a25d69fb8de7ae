"""The data report, requested through the API and computed by a real CPU worker process."""

from __future__ import annotations

import json
from typing import Any

from tests.support import SAMPLE_CHAT, wait_for


def _upload(api: Any, name: str, lines: list[str]) -> dict[str, Any]:
    response = api.post("/api/datasets", files={"file": (name, "\n".join(lines).encode())})
    assert response.status_code == 201, response.text
    return dict(response.json())


def test_report_through_a_worker(api: Any, start_worker: Any, dataset: dict[str, Any]) -> None:
    start_worker("profiler")
    sample = SAMPLE_CHAT.read_text().splitlines()
    fresh = json.dumps({"messages": [{"role": "user", "content": "Ping?"}, {"role": "assistant", "content": "Pong."}]})
    evaluation = _upload(api, "eval.jsonl", [sample[5], sample[17], fresh])
    response = api.post(
        f"/api/datasets/{dataset['id']}/reports", json={"model": "tiny-chat", "compare_with": evaluation["id"]}
    )
    assert response.status_code == 202, response.text
    queued = response.json()
    assert queued["id"].startswith("rep_") and queued["status"] == "queued" and queued["result"] is None

    def finished() -> dict[str, Any] | None:
        report = api.get(f"/api/reports/{queued['id']}").json()
        return report if report["status"] in ("succeeded", "failed") else None

    report = wait_for(finished, timeout=180, interval=0.5, what="the report to finish")
    assert report["status"] == "succeeded", report["error"]
    assert report["progress"] == 1.0 and report["started_at"] and report["finished_at"]
    result = report["result"]
    assert result["records"] == dataset["record_count"] == len(sample)
    turns = sum(len(json.loads(line)["messages"]) for line in sample)
    assert result["turns"]["total"] == turns
    assert {"user", "assistant"} <= set(result["tokens"]["roles"])
    assert result["tokens"]["total"]["p50"] <= result["tokens"]["total"]["p99"] <= result["tokens"]["total"]["max"]
    assert result["languages"][0]["language"] == "en"
    contamination = result["contamination"]
    exact_copies = {i for i, line in enumerate(sample) if line in (sample[5], sample[17])}
    assert set(contamination["exact"]["indices"]) == exact_copies and contamination["compare_records"] == 3

    listed = api.get(f"/api/datasets/{dataset['id']}/reports").json()
    assert [r["id"] for r in listed["items"]] == [queued["id"]]


def test_report_errors_are_clear(api: Any, dataset: dict[str, Any]) -> None:
    url = f"/api/datasets/{dataset['id']}/reports"
    unknown_model = api.post(url, json={"model": "gpt-99"})
    assert unknown_model.status_code == 422 and unknown_model.json()["field"] == "model"
    family = api.post(url, json={"model": "tiny"})
    assert family.status_code == 422 and "tiny-chat" in family.json()["detail"]
    itself = api.post(url, json={"model": "tiny-chat", "compare_with": dataset["id"]})
    assert itself.status_code == 422 and itself.json()["field"] == "compare_with"
    missing_compare = api.post(url, json={"model": "tiny-chat", "compare_with": "ds_nope"})
    assert missing_compare.status_code == 422 and "ds_nope" in missing_compare.json()["detail"]
    threshold = api.post(url, json={"model": "tiny-chat", "near_duplicate_threshold": 2})
    assert threshold.status_code == 422 and threshold.json()["field"] == "near_duplicate_threshold"
    assert api.post(url, json={}).status_code == 422
    assert api.post("/api/datasets/ds_nope/reports", json={"model": "tiny-chat"}).status_code == 404
    assert api.get("/api/datasets/ds_nope/reports").status_code == 404
    assert api.get("/api/reports/rep_nope").json()["error"] == "NotFound"
    assert api.get(url).json()["items"] == []  # nothing was created by the refused requests
